/* test-dialogs.c: the Create and Attach dialogs, and the error wording
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs are filled in through their template children and answered
 * with gtk_dialog_response(), as a click on their buttons does. What they
 * create is checked from outside (shm_open, stat), never through them.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "shmview-attach-dialog.h"
#include "shmview-create-dialog.h"
#include "shmview-error.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-region.h"
#include "test-util.h"

typedef struct
{
  GtkWidget     *dialog;      /* weak: the dialog destroys itself when done */
  ShmviewRegion *region;      /* from "created" / "attached" */
  guint          n_emitted;
  char          *name;        /* a POSIX name with its slash */
} Fixture;

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return shmview_app_test_template_child (f->dialog, name);
}

/* The inline error, or NULL when none is shown. */
static const char *
shown_error (Fixture *f)
{
  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (child (f, "error_bar"))))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (child (f, "error_label")));
}

static void
on_region (GtkWidget     *dialog,
           ShmviewRegion *region,
           Fixture       *f)
{
  g_autofree char *spec = shmview_region_dup_spec_string (region);
  int id;

  f->n_emitted++;
  g_set_object (&f->region, region);
  /* a segment the dialog made goes away even if the test fails */
  if (sscanf (spec, "sysvid:%d", &id) == 1)
    shmview_test_track_sysv (id);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  shmview_app_test_ensure_icon_theme ();
  f->name = shmview_test_unique_posix_name ("dialog");
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_widget_destroy (f->dialog);
  shmview_app_test_drain ();
  g_assert_null (f->dialog);
  g_clear_object (&f->region);
  shmview_test_posix_unlink (f->name);
  g_free (f->name);
}

/* Shows @dialog as the fixture's, counting the regions its @signal hands over. */
static void
show_dialog (Fixture    *f,
             GtkWidget  *dialog,
             const char *signal)
{
  f->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  g_signal_connect (f->dialog, signal, G_CALLBACK (on_region), f);
  gtk_widget_show (f->dialog);
  shmview_app_test_drain ();
}

static void
open_create (Fixture *f)
{
  show_dialog (f, shmview_create_dialog_new (NULL), "created");
}

static void
open_attach (Fixture            *f,
             const char * const *specs)
{
  show_dialog (f, shmview_attach_dialog_new (NULL, specs), "attached");
}

/* Presses Create or Attach. */
static void
press_accept (Fixture *f)
{
  gtk_dialog_response (GTK_DIALOG (f->dialog), GTK_RESPONSE_ACCEPT);
  shmview_app_test_drain ();
}

/* The dialog stayed open, handed over no region and says why: @needle,
 * with the name it was given. */
static void
assert_refused (Fixture    *f,
                const char *needle)
{
  g_assert_nonnull (f->dialog);
  g_assert_cmpuint (f->n_emitted, ==, 0);
  g_assert_nonnull (strstr (shown_error (f), needle));
  g_assert_nonnull (strstr (shown_error (f), f->name + 1));
}

/* The file at @path (a POSIX object under /dev/shm too) is @size bytes
 * with permissions @mode. */
static void
assert_file (const char *path,
             goffset     size,
             guint       mode)
{
  struct stat st;

  g_assert_no_errno (stat (path, &st));
  g_assert_cmpint (st.st_size, ==, size);
  g_assert_cmpint (st.st_mode & 07777, ==, mode);
}

static void
fill_create (Fixture    *f,
             const char *kind,
             const char *name,
             double      size,
             const char *unit,
             const char *mode)
{
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (f, "kind_combo")), kind);
  gtk_entry_set_text (GTK_ENTRY (child (f, "name_entry")), name);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "size_spin")), size);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (f, "unit_combo")), unit);
  gtk_entry_set_text (GTK_ENTRY (child (f, "mode_entry")), mode);
}

/* ------------------------------------------------------------------ */

static void
test_create_posix (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = shmview_test_posix_path (f->name);

  g_test_summary ("Create makes a new POSIX region of the given size with mode 0600 by "
                  "default, emits \"created\" and closes");

  open_create (f);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (child (f, "mode_entry"))), ==, "0600");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (child (f, "kind_combo"))), ==,
                   "posix");
  /* the name as a person types it, without the slash */
  gtk_entry_set_text (GTK_ENTRY (child (f, "name_entry")), f->name + 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (f, "size_spin")), 256);
  shmview_app_test_save_screenshot (f->dialog, "dialog-create");
  press_accept (f);

  g_assert_null (f->dialog);
  g_assert_cmpuint (f->n_emitted, ==, 1);
  g_assert_nonnull (f->region);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 256);
  g_assert_false (shmview_region_is_read_only (f->region));

  assert_file (path, 256, 0600);
}

static void
test_create_units_and_mode (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = shmview_test_posix_path (f->name);

  g_test_summary ("Size units multiply (4 KiB is 4096 bytes) and the mode is taken as octal");

  open_create (f);
  fill_create (f, "posix", f->name, 4, "KiB", "640");
  press_accept (f);

  g_assert_cmpuint (f->n_emitted, ==, 1);
  assert_file (path, 4096, 0640);
}

static void
test_create_refuses_existing (Fixture       *f,
                              gconstpointer  data)
{
  int fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0644);
  char buf[8];
  struct stat st;

  g_test_summary ("Create refuses an existing name with an inline error, stays open, and "
                  "leaves the region exactly as it was");

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, 256));
  g_assert_cmpint (pwrite (fd, "ezhchai", 8, 0), ==, 8);

  open_create (f);
  fill_create (f, "posix", f->name + 1, 1, "KiB", "0600");
  press_accept (f);

  assert_refused (f, "already exists");
  shmview_app_test_save_screenshot (f->dialog, "dialog-create-exists");

  g_assert_no_errno (fstat (fd, &st));
  g_assert_cmpint (st.st_size, ==, 256);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  g_assert_cmpint (pread (fd, buf, 8, 0), ==, 8);
  g_assert_cmpmem (buf, 8, "ezhchai", 8);
  close (fd);

  /* Typing again hides the error; Cancel closes without creating */
  gtk_entry_set_text (GTK_ENTRY (child (f, "name_entry")), "x");
  g_assert_null (shown_error (f));
  gtk_dialog_response (GTK_DIALOG (f->dialog), GTK_RESPONSE_CANCEL);
  shmview_app_test_drain ();
  g_assert_null (f->dialog);
  g_assert_cmpuint (f->n_emitted, ==, 0);
}

static void
test_create_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  struct {
    const char *name;
    double      size;
    const char *mode;
    const char *needle;
  } cases[] = {
    { "", 256, "0600", "Give the region a name" },
    { "a/b", 256, "0600", "a/b" },
    { NULL, 256, "0800", "octal" },
    { NULL, 256, "rw", "octal" },
    { NULL, 256, "0", "nobody" },
    { NULL, 256, "0000", "nobody" },
    { NULL, 256, "7777", "0777" },
    { NULL, 256, "4600", "0777" },
    { NULL, 0, "0600", "at least 1 byte" },
  };

  g_test_summary ("Bad names, modes and sizes are explained inline and nothing is created");

  open_create (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      fill_create (f, "posix", cases[i].name != NULL ? cases[i].name : f->name + 1,
                   cases[i].size, "bytes", cases[i].mode);
      if (cases[i].size == 0)
        /* typed, as a person would */
        gtk_entry_set_text (GTK_ENTRY (child (f, "size_spin")), "0");
      press_accept (f);

      g_assert_nonnull (f->dialog);
      g_assert_nonnull (shown_error (f));
      if (strstr (shown_error (f), cases[i].needle) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, shown_error (f), cases[i].needle);
      g_assert_cmpuint (f->n_emitted, ==, 0);
      g_assert_cmpint (shm_open (f->name, O_RDONLY, 0), ==, -1);
      g_assert_cmpint (errno, ==, ENOENT);
    }
}

static void
test_create_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = shmview_test_temp_path ("created.bin");
  struct stat st;

  g_test_summary ("Kind File creates a new 0600 file of the size, and refuses an existing one");

  open_create (f);
  fill_create (f, "file", path, 100, "bytes", "0600");
  press_accept (f);
  g_assert_cmpuint (f->n_emitted, ==, 1);
  g_assert_cmpint (shmview_region_get_kind (f->region), ==, SHMVIEW_REGION_KIND_FILE);
  assert_file (path, 100, 0600);

  open_create (f);
  fill_create (f, "file", path, 1, "MiB", "0600");
  press_accept (f);
  g_assert_nonnull (f->dialog);
  g_assert_nonnull (strstr (shown_error (f), "already exists"));
  g_assert_no_errno (stat (path, &st));
  g_assert_cmpint (st.st_size, ==, 100);
  g_assert_no_errno (unlink (path));
}

static void
test_create_sysv (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_test_summary ("Kind System V with no key creates a new private segment");

  if (shmview_test_skip_without_sysv ())
    return;

  open_create (f);
  fill_create (f, "sysv", "", 8, "KiB", "0600");
  press_accept (f);
  g_assert_cmpuint (f->n_emitted, ==, 1);
  g_assert_cmpint (shmview_region_get_kind (f->region), ==, SHMVIEW_REGION_KIND_SYSV);
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 8192);
  g_assert_true (shmview_region_remove (f->region, &error));
  g_assert_no_error (error);
}

static void
test_attach_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_test_summary ("Attach to a region that does not exist says so inline and stays open");

  open_attach (f, NULL);
  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), f->name + 1);
  press_accept (f);

  assert_refused (f, "There is no shared memory region called");
  shmview_app_test_save_screenshot (f->dialog, "dialog-attach-missing");

  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), "");
  press_accept (f);
  g_assert_nonnull (strstr (shown_error (f), "Type the name"));

  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), "sysv:0xzz");
  press_accept (f);
  g_assert_nonnull (shown_error (f));
  g_assert_cmpuint (f->n_emitted, ==, 0);
}

static void
test_attach_read_only (Fixture       *f,
                       gconstpointer  data)
{
  const char *specs[] = { "/MapTrans", NULL, NULL };
  int fd = shm_open (f->name, O_RDWR | O_CREAT | O_EXCL, 0600);
  g_autoptr(GError) error = NULL;
  GtkEntryCompletion *completion;
  GtkTreeModel *model;

  g_test_summary ("Attach with the read-only switch opens the region read-only and closes; "
                  "the completion holds the given specs");

  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, 64));
  specs[1] = f->name;

  open_attach (f, specs);
  completion = gtk_entry_get_completion (GTK_ENTRY (child (f, "spec_entry")));
  model = gtk_entry_completion_get_model (completion);
  g_assert_cmpint (gtk_tree_model_iter_n_children (model, NULL), ==, 2);
  g_assert_cmpint (gtk_entry_completion_get_text_column (completion), ==, 0);
  /* the popup draws its rows with a cell renderer: without one they are blank */
  {
    g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (completion));

    g_assert_cmpuint (g_list_length (cells), ==, 1);
  }

  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), f->name);
  gtk_switch_set_active (GTK_SWITCH (child (f, "read_only_switch")), TRUE);
  press_accept (f);

  g_assert_null (f->dialog);
  g_assert_cmpuint (f->n_emitted, ==, 1);
  g_assert_true (shmview_region_is_read_only (f->region));
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 64);
  g_assert_false (shmview_region_write (f->region, 0, (const guint8 *) "x", 1, &error));
  g_assert_error (error, SHMVIEW_ERROR, SHMVIEW_ERROR_PERMISSION);
  close (fd);
}

static void
test_any_bytes (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = g_strconcat (f->name, "\xff\\", NULL);
  g_autofree char *shown = shmview_format_escaped (name);
  g_autofree char *path = NULL;
  const char *specs[] = { NULL, NULL };
  GtkTreeModel *model;
  GtkTreeIter iter;
  g_autofree char *offered = NULL;

  g_test_summary ("A name that is not UTF-8 is typed escaped (\\xff, as the region list "
                  "shows it) in Create and Attach, and the completion offers it so");

  /* teardown removes it */
  g_free (f->name);
  f->name = g_strdup (name);
  path = shmview_test_posix_path (name);

  open_create (f);
  fill_create (f, "posix", shown + 1, 16, "bytes", "0600");
  press_accept (f);
  g_assert_cmpuint (f->n_emitted, ==, 1);
  assert_file (path, 16, 0600);

  specs[0] = name;
  open_attach (f, specs);
  model = gtk_entry_completion_get_model (
    gtk_entry_get_completion (GTK_ENTRY (child (f, "spec_entry"))));
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  gtk_tree_model_get (model, &iter, 0, &offered, -1);
  g_assert_cmpstr (offered, ==, shown);
  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), offered);
  gtk_switch_set_active (GTK_SWITCH (child (f, "read_only_switch")), TRUE);
  press_accept (f);
  g_assert_null (f->dialog);
  g_assert_cmpuint (f->n_emitted, ==, 2);
  g_assert_true (shmview_region_is_read_only (f->region));
  g_assert_cmpuint (shmview_region_get_size (f->region), ==, 16);
}

static void
test_relative_file (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = shmview_test_temp_path ("relative");
  g_autofree char *expected = g_strconcat ("file:", dir, "/made.bin", NULL);
  g_autofree char *old_cwd = g_get_current_dir ();
  g_autofree char *spec = NULL;

  g_test_summary ("A relative file path in Create and Attach names the file in the current "
                  "directory, and the region it hands back says so with an absolute path");

  g_assert_no_errno (g_mkdir (dir, 0700));
  g_assert_no_errno (g_chdir (dir));

  open_create (f);
  fill_create (f, "file", "made.bin", 16, "bytes", "0600");
  press_accept (f);
  spec = shmview_region_dup_spec_string (f->region);
  g_assert_cmpstr (spec, ==, expected);
  g_clear_pointer (&spec, g_free);

  open_attach (f, NULL);
  gtk_entry_set_text (GTK_ENTRY (child (f, "spec_entry")), "file:./made.bin");
  press_accept (f);
  g_assert_cmpuint (f->n_emitted, ==, 2);
  spec = shmview_region_dup_spec_string (f->region);
  g_assert_cmpstr (spec, ==, expected);
  g_assert_no_errno (g_chdir (old_cwd));
}

static void
test_describe_error (void)
{
  struct {
    int         code;
    const char *needle;
  } cases[] = {
    { SHMVIEW_ERROR_NOT_FOUND, "There is no shared memory region called “MapTrans” yet" },
    { SHMVIEW_ERROR_EXISTS, "A region called “MapTrans” already exists" },
    { SHMVIEW_ERROR_PERMISSION, "not allowed" },
    { SHMVIEW_ERROR_INVALID_ARGUMENT, "core detail" },
    { SHMVIEW_ERROR_OUT_OF_RANGE, "past the end of “MapTrans”" },
    { SHMVIEW_ERROR_SHRUNK, "got smaller" },
    { SHMVIEW_ERROR_SYMLINK, "symbolic link" },
    { SHMVIEW_ERROR_UNSUPPORTED, "core detail" },
    { SHMVIEW_ERROR_FAILED, "Something went wrong with “MapTrans”: core detail" },
  };

  g_test_summary ("Every error code gets a sentence naming the region");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (SHMVIEW_ERROR, cases[i].code,
                                                     "core detail");
      g_autofree char *text = shmview_describe_error (error, "MapTrans");

      if (strstr (text, cases[i].needle) == NULL)
        g_error ("code %d: “%s” lacks “%s”", cases[i].code, text, cases[i].needle);
    }

  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");
    g_autofree char *text = shmview_describe_error (error, NULL);
    g_assert_cmpstr (text, ==, "Something went wrong with “the region”: io");
  }
  g_assert_cmpstr (shmview_describe_kind (SHMVIEW_REGION_KIND_SYSV), ==, "System V");
}

static void
test_describe_by_kind_and_action (void)
{
  struct {
    int            code;
    const char    *spec;
    ShmviewAction  action;
    const char    *expected;
  } cases[] = {
    { SHMVIEW_ERROR_NOT_FOUND, "file:x", SHMVIEW_ACTION_OPEN,
      "There is no file called “x”. Check the path, or create the file first." },
    { SHMVIEW_ERROR_EXISTS, "file:x", SHMVIEW_ACTION_OPEN,
      "A file called “x” already exists. Nothing was changed: choose another name, or "
      "attach to the existing one." },
    { SHMVIEW_ERROR_NOT_FOUND, "sysv:0x10", SHMVIEW_ACTION_OPEN,
      "There is no shared memory region called “sysv:0x00000010” yet. Create it first, or "
      "check the name." },
    { SHMVIEW_ERROR_OUT_OF_RANGE, "M", SHMVIEW_ACTION_READ,
      "That goes past the end of “M”, so nothing was read. (d)" },
    { SHMVIEW_ERROR_OUT_OF_RANGE, "M", SHMVIEW_ACTION_COPY,
      "That goes past the end of “M”, so nothing was copied. (d)" },
    { SHMVIEW_ERROR_OUT_OF_RANGE, "M", SHMVIEW_ACTION_WRITE,
      "That goes past the end of “M”, so nothing was written. (d)" },
    { SHMVIEW_ERROR_OUT_OF_RANGE, "M", SHMVIEW_ACTION_OPEN,
      "That goes past the end of “M”, so nothing was changed. (d)" },
    { SHMVIEW_ERROR_SHRUNK, "M", SHMVIEW_ACTION_READ,
      "“M” got smaller while it was open, so nothing was read. Look at its new size and try "
      "again." },
    { SHMVIEW_ERROR_SHRUNK, "M", SHMVIEW_ACTION_COPY,
      "“M” got smaller while it was open, so nothing was copied. Look at its new size and "
      "try again." },
    { SHMVIEW_ERROR_SHRUNK, "M", SHMVIEW_ACTION_WRITE,
      "“M” got smaller while it was open, so the write did not go through. Look at its new "
      "size and try again. (d)" },
    /* read-only offered only where it is a way out */
    { SHMVIEW_ERROR_PERMISSION, "M", SHMVIEW_ACTION_OPEN,
      "You are not allowed to do that with “M”: its owner and permissions (mode) do not let "
      "you. Try attaching it read-only, or ask its owner." },
    { SHMVIEW_ERROR_PERMISSION, "M", SHMVIEW_ACTION_OPEN_READ_ONLY,
      "You are not allowed to read “M”: its owner and permissions (mode) do not let you. "
      "Ask its owner." },
    { SHMVIEW_ERROR_NO_SPACE, "M", SHMVIEW_ACTION_WRITE,
      "There was no room for all of “M”: the write stopped part way, so part of it may be "
      "written. Free some space (a full /dev/shm or disk, a quota) and try again." },
  };

  g_test_summary ("A missing or existing file is called a file, a region past its end or "
                  "shrunk says what was not done (read, copied, written or changed), and a "
                  "write without room says part may be written");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (SHMVIEW_ERROR, cases[i].code, "d");
      g_autoptr(ShmviewSpec) spec = shmview_spec_parse (cases[i].spec, NULL);
      g_autofree char *what = shmview_spec_to_display_name (spec);
      g_autofree char *text = shmview_describe_failure (error, what, spec->kind,
                                                        cases[i].action);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  /* a spec as given: a file is named by its path */
  {
    g_autoptr(GError) error = g_error_new_literal (SHMVIEW_ERROR, SHMVIEW_ERROR_NOT_FOUND, "d");
    g_autofree char *text = shmview_describe_spec_error (error, "file:dir/x",
                                                         SHMVIEW_ACTION_OPEN);
    g_autofree char *bytes = shmview_describe_spec_error (error, "x\xff", SHMVIEW_ACTION_OPEN);

    g_assert_cmpstr (text, ==, "There is no file called “dir/x”. Check the path, or create "
                               "the file first.");
    /* a name that is not UTF-8 is shown escaped, as the region list shows it */
    g_assert_true (g_utf8_validate (bytes, -1, NULL));
    g_assert_nonnull (strstr (bytes, "“x\\xff”"));
  }
}

int
main (int   argc,
      char *argv[])
{
  gboolean have_display = shmview_app_test_init (&argc, &argv, TRUE);

  g_test_add_func ("/app/dialogs/describe-error", test_describe_error);
  g_test_add_func ("/app/dialogs/describe-by-kind-and-action", test_describe_by_kind_and_action);

  if (!have_display)
    {
      shmview_app_test_add_no_display ("/app/dialogs/no-display");
      return g_test_run ();
    }

#define ADD(path, fn) \
  g_test_add ("/app/dialogs/" path, Fixture, NULL, setup, fn, teardown)

  ADD ("create-posix", test_create_posix);
  ADD ("create-units-and-mode", test_create_units_and_mode);
  ADD ("create-refuses-existing", test_create_refuses_existing);
  ADD ("create-bad-input", test_create_bad_input);
  ADD ("create-file", test_create_file);
  ADD ("create-sysv", test_create_sysv);
  ADD ("attach-missing", test_attach_missing);
  ADD ("attach-read-only", test_attach_read_only);
  ADD ("relative-file", test_relative_file);
  ADD ("any-bytes", test_any_bytes);

  return g_test_run ();
}
