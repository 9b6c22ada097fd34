/* shmview-application.c: the GtkApplication (command line, app actions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The options are parsed here, in the primary instance, rather than by
 * GApplication in the calling process: that way a second `shmview ...` from
 * a terminal gets our messages and exit status (2 for bad arguments), while
 * GApplication's own parser would exit with 1.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "shmview-application.h"
#include "shmview-errors-ui.h"
#include "shmview-format.h"
#include "shmview-parse.h"
#include "shmview-preferences-dialog.h"
#include "shmview-region-page.h"
#include "shmview-region.h"
#include "shmview-spec.h"
#include "shmview-window.h"

#define EXIT_USAGE 2

struct _ShmviewApplication
{
  GtkApplication parent_instance;

  /* state */
  int            local_status;  /* see shmview_application_run() */
};

G_DEFINE_FINAL_TYPE (ShmviewApplication, shmview_application, GTK_TYPE_APPLICATION)

/* What one command line asks for. */
typedef struct
{
  gboolean  read_only;
  gboolean  help;
  gboolean  version;
  char     *interval_text;
  char     *create_spec;
  char     *size_text;
  char     *mode_text;
  char     *layout_header;
  char     *layout_type;
  char     *layout_offset_text;
  GStrv     specs;

  /* A second instance forwards its command line to the first one, whose
   * current directory is another: file: paths are made absolute against
   * the caller's (borrowed from the command line). */
  const char *cwd;

  /* parsed */
  guint        interval;
  guint64      size;
  guint        mode;
  ShmviewSpec *create_parsed;
  GPtrArray   *parsed;  /* ShmviewSpec, one for each of specs */
  ShmviewLayoutPlacement *layout;  /* --layout, --type, --layout-offset */
} Options;

static void
options_clear (Options *options)
{
  g_free (options->interval_text);
  g_free (options->create_spec);
  g_free (options->size_text);
  g_free (options->mode_text);
  g_free (options->layout_header);
  g_free (options->layout_type);
  g_free (options->layout_offset_text);
  g_clear_pointer (&options->layout, shmview_layout_placement_free);
  g_strfreev (options->specs);
  g_clear_pointer (&options->create_parsed, shmview_spec_free);
  g_clear_pointer (&options->parsed, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

ShmviewApplication *
shmview_application_new (void)
{
  return g_object_new (SHMVIEW_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

static ShmviewWindow *
get_window (ShmviewApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SHMVIEW_IS_WINDOW (window))
    return SHMVIEW_WINDOW (window);
  return shmview_window_new (GTK_APPLICATION (self));
}

int
shmview_application_run (ShmviewApplication *self,
                         int                 argc,
                         char              **argv)
{
  int status;

  g_return_val_if_fail (SHMVIEW_IS_APPLICATION (self), 1);

  status = g_application_run (G_APPLICATION (self), argc, argv);
  return status != 0 ? status : self->local_status;
}

static GOptionContext *
create_option_context (Options *options)
{
  /* FILENAME, not STRING, for every value: a name may hold any byte, and
   * GOptionContext refuses a STRING that is not valid in the locale's
   * encoding before we could say what was wrong with it. */
  const GOptionEntry entries[] = {
    { "read-only", 'r', 0, G_OPTION_ARG_NONE, &options->read_only,
      N_("Open the regions read-only: nothing can be written"), NULL },
    { "interval", 'i', 0, G_OPTION_ARG_FILENAME, &options->interval_text,
      N_("Refresh every MS milliseconds (10 to 10000) in this session"), N_("MS") },
    { "create", 'c', 0, G_OPTION_ARG_FILENAME, &options->create_spec,
      N_("Create the region SPEC (it must not exist yet), then open it"), N_("SPEC") },
    { "size", 's', 0, G_OPTION_ARG_FILENAME, &options->size_text,
      N_("Size of the region to create: 256, 0x100, 4K, 1M, 2G"), N_("N") },
    { "mode", 'm', 0, G_OPTION_ARG_FILENAME, &options->mode_text,
      N_("Permissions of the region to create, in octal (default 0600)"), N_("OCTAL") },
    { "layout", 0, 0, G_OPTION_ARG_FILENAME, &options->layout_header,
      N_("Read the regions as the C type --type declared in this header"), N_("FILE.h") },
    { "type", 0, 0, G_OPTION_ARG_FILENAME, &options->layout_type,
      N_("The type for --layout: “struct shared”, “shared” or a typedef's name"), N_("NAME") },
    { "layout-offset", 0, 0, G_OPTION_ARG_FILENAME, &options->layout_offset_text,
      N_("Where the --layout type starts in the region (default 0)"), N_("N") },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the version and exit"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &options->help,
      N_("Show this help and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->specs, NULL, NULL },
    { NULL }
  };
  GOptionContext *context = g_option_context_new (_("[SPEC…]"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* GOptionContext's own --help would print in this process and exit(). */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, _("Watch and edit shared memory regions live. "
                                           "Each SPEC opens in its own tab."));
  g_option_context_set_description (context,
    _("Region specs:\n"
      "  MapTrans, /MapTrans   a POSIX shared memory object (/dev/shm/MapTrans)\n"
      "  sysv:KEY              a System V segment by key, as ipcs -m prints it\n"
      "  sysvid:ID             a System V segment by its shmid\n"
      "  file:PATH             a regular file, mapped shared\n"
      "\n"
      "Examples:\n"
      "  shmview MapTrans\n"
      "  shmview --create MapTrans --size 256\n"
      "  shmview MapTrans --layout shared.h --type \"struct shared\"\n"));
  return context;
}

/* --create SPEC --size N [--mode M] */
static gboolean
validate_create (Options  *options,
                 GError  **error)
{
  if (options->size_text == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--create needs a size, e.g. --size 256"));
      return FALSE;
    }
  if (!shmview_parse_size (options->size_text, &options->size, error))
    {
      g_prefix_error (error, "--size: ");
      return FALSE;
    }
  if (options->mode_text != NULL &&
      !shmview_parse_mode (options->mode_text, &options->mode, error))
    {
      g_prefix_error (error, "--mode: ");
      return FALSE;
    }
  /* The core takes mode 0 as "the default", which would make 0600 of it
   * without a word; shmtool create refuses it too. */
  if (options->mode_text != NULL && options->mode == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--mode: 0 would give nobody access; use e.g. 0600"));
      return FALSE;
    }
  /* Set-id and sticky bits would only fail later, in the window. */
  if (options->mode > 0777)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--mode: only the permission bits (at most 0777) apply to a region, "
                     "not “%s”"), options->mode_text);
      return FALSE;
    }
  options->create_parsed = shmview_spec_parse_in_dir (options->create_spec, options->cwd, error);
  if (options->create_parsed == NULL)
    return FALSE;
  if (options->size == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--size must be more than 0 bytes"));
      return FALSE;
    }
  return TRUE;
}

/* --layout FILE.h --type NAME [--layout-offset N]: the header is only read
 * when a page applies it, but the options must make sense before anything
 * is opened. */
static gboolean
validate_layout (Options  *options,
                 GError  **error)
{
  g_autofree char *header = NULL;
  guint64 offset = 0;

  if (options->layout_header == NULL && options->layout_type == NULL)
    {
      if (options->layout_offset_text == NULL)
        return TRUE;
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--layout-offset only goes with --layout FILE.h --type NAME"));
      return FALSE;
    }
  if (options->layout_header == NULL || options->layout_type == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--layout FILE.h and --type NAME go together"));
      return FALSE;
    }
  if (options->layout_offset_text != NULL
      && !shmview_parse_offset (options->layout_offset_text, 0, G_MAXUINT64, &offset, error))
    {
      g_prefix_error (error, "--layout-offset: ");
      return FALSE;
    }
  /* The caller's directory, as for file: specs. */
  header = g_path_is_absolute (options->layout_header)
           ? g_strdup (options->layout_header)
           : g_build_filename (options->cwd != NULL ? options->cwd : ".", options->layout_header,
                               NULL);
  options->layout = shmview_layout_placement_new (header, options->layout_type, NULL, offset, 1);
  return TRUE;
}

/* Checks everything before anything is opened, so a usage error changes
 * nothing. */
static gboolean
validate_options (Options  *options,
                  GError  **error)
{
  guint64 interval;

  if (options->interval_text != NULL &&
      !g_ascii_string_to_unsigned (options->interval_text, 10, SHMVIEW_INTERVAL_MIN,
                                   SHMVIEW_INTERVAL_MAX, &interval, NULL))
    {
      g_autofree char *shown = shmview_format_escaped (options->interval_text);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--interval wants a number of milliseconds from 10 to 10000, not “%s”"),
                   shown);
      return FALSE;
    }
  options->interval = options->interval_text != NULL ? (guint) interval : 0;

  if (options->create_spec == NULL && (options->size_text != NULL || options->mode_text != NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--size and --mode only go with --create SPEC"));
      return FALSE;
    }
  if (options->create_spec != NULL && !validate_create (options, error))
    return FALSE;
  if (!validate_layout (options, error))
    return FALSE;

  options->parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) shmview_spec_free);
  for (guint i = 0; options->specs != NULL && options->specs[i] != NULL; i++)
    {
      ShmviewSpec *spec = shmview_spec_parse_in_dir (options->specs[i], options->cwd, error);

      if (spec == NULL)
        return FALSE;
      g_ptr_array_add (options->parsed, spec);
    }
  return TRUE;
}

static gboolean
parse_command_line (GApplicationCommandLine  *cmdline,
                    Options                  *options,
                    GOptionContext          **context_out,
                    GError                  **error)
{
  g_autoptr(GOptionContext) context = create_option_context (options);
  g_auto(GStrv) argv = g_application_command_line_get_arguments (cmdline, NULL);

  options->cwd = g_application_command_line_get_cwd (cmdline);
  if (!g_option_context_parse_strv (context, &argv, error) ||
      !validate_options (options, error))
    return FALSE;

  *context_out = g_steal_pointer (&context);
  return TRUE;
}

/* Tells the terminal and the window; the tab is simply not opened. */
static void
report_open_error (GApplicationCommandLine *cmdline,
                   ShmviewWindow           *window,
                   const GError            *error,
                   const char              *spec,
                   gboolean                 read_only)
{
  g_autofree char *message =
    shmview_describe_spec_error (error, spec, read_only ? SHMVIEW_ACTION_OPEN_READ_ONLY
                                                        : SHMVIEW_ACTION_OPEN);

  g_application_command_line_printerr (cmdline, "shmview: %s\n", message);
  shmview_window_show_error (window, message);
}

/* --layout on the page just opened (the current one). */
static gboolean
apply_layout (GApplicationCommandLine *cmdline,
              ShmviewWindow           *window,
              Options                 *options,
              const char              *spec)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (window);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (options->layout == NULL || page == NULL
      || shmview_region_page_apply_layout (page, options->layout, &error))
    return TRUE;
  message = g_strdup_printf (_("%s: --layout: %s"), spec, error->message);
  g_application_command_line_printerr (cmdline, "shmview: %s\n", message);
  shmview_window_show_error (window, message);
  return FALSE;
}

static gboolean
create_region (GApplicationCommandLine *cmdline,
               ShmviewWindow           *window,
               Options                 *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ShmviewRegion) region = NULL;

  /* Exclusive, like `shmtool create`: an existing region is never replaced
   * or mistaken for the new one. */
  region = shmview_region_open (options->create_parsed,
                                SHMVIEW_OPEN_CREATE | SHMVIEW_OPEN_EXCLUSIVE,
                                options->size, options->mode, &error);
  if (region != NULL && options->read_only)
    {
      g_autofree char *spec = shmview_region_dup_spec_string (region);

      g_clear_object (&region);
      region = shmview_region_open_text (spec, SHMVIEW_OPEN_READ_ONLY, 0, 0, &error);
    }
  if (region == NULL)
    {
      report_open_error (cmdline, window, error, options->create_spec, FALSE);
      return FALSE;
    }

  shmview_window_open_region (window, region);
  return apply_layout (cmdline, window, options, options->create_spec);
}

/* Each SPEC in a tab of its own; FALSE when one could not be opened. */
static gboolean
open_specs (GApplicationCommandLine *cmdline,
            ShmviewWindow           *window,
            Options                 *options)
{
  gboolean all = TRUE;

  for (guint i = 0; i < options->parsed->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!shmview_window_open_parsed_spec (window, g_ptr_array_index (options->parsed, i),
                                            options->read_only, &error))
        {
          report_open_error (cmdline, window, error, options->specs[i], options->read_only);
          all = FALSE;
        }
      else if (!apply_layout (cmdline, window, options, options->specs[i]))
        all = FALSE;
    }
  return all;
}

static int
shmview_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *cmdline)
{
  ShmviewApplication *self = SHMVIEW_APPLICATION (app);
  g_auto(Options) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ShmviewWindow *window;
  int status = EXIT_SUCCESS;

  if (!parse_command_line (cmdline, &options, &context, &error))
    {
      g_application_command_line_printerr (cmdline, "shmview: %s\n%s\n", error->message,
                                           _("Try “shmview --help” for more information."));
      return EXIT_USAGE;
    }
  if (options.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_application_command_line_print (cmdline, "%s", help);
      return EXIT_SUCCESS;
    }
  if (options.version)
    {
      g_application_command_line_print (cmdline, "shmview %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  window = get_window (self);
  if (options.interval != 0)
    shmview_window_override_interval (window, options.interval);
  if (options.create_spec != NULL && !create_region (cmdline, window, &options))
    status = EXIT_FAILURE;
  if (!open_specs (cmdline, window, &options))
    status = EXIT_FAILURE;

  gtk_window_present (GTK_WINDOW (window));
  /* A local command line that keeps the main loop running always ends with
   * status 0 in GApplication; remember ours for shmview_application_run(). */
  if (!g_application_command_line_get_is_remote (cmdline))
    self->local_status = MAX (self->local_status, status);
  return status;
}

/* --help and --version are answered in the calling process, before the
 * primary instance starts GTK: they work without a display too. */
static gboolean
shmview_application_local_command_line (GApplication   *app,
                                        char         ***arguments,
                                        int            *exit_status)
{
  char **argv = *arguments;

  for (guint i = 1; argv[i] != NULL && strcmp (argv[i], "--") != 0; i++)
    {
      g_auto(Options) options = { 0 };
      g_autoptr(GOptionContext) context = NULL;
      g_autofree char *help = NULL;

      if (strcmp (argv[i], "--version") == 0 || strcmp (argv[i], "-v") == 0)
        {
          g_print ("shmview %s\n", PACKAGE_VERSION);
          *exit_status = EXIT_SUCCESS;
          return TRUE;
        }
      if (strcmp (argv[i], "--help") != 0 && strcmp (argv[i], "-h") != 0)
        continue;

      context = create_option_context (&options);
      help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      *exit_status = EXIT_SUCCESS;
      return TRUE;
    }

  return G_APPLICATION_CLASS (shmview_application_parent_class)->local_command_line (app, arguments,
                                                                                    exit_status);
}

static void
shmview_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (SHMVIEW_APPLICATION (app))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows;

  /* Destroying the windows saves their size and releases their regions
   * before the main loop ends. */
  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_widget_destroy (windows->data);
  g_application_quit (G_APPLICATION (app));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (shmview_preferences_dialog_new (parent)));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  static const char *authors[] = { "The shmview authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (parent,
                         "program-name", "shmview",
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Watch and edit shared memory regions live"),
                         "website", "https://github.com/shmview/shmview",
                         "copyright", "© 2026 The shmview authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
};

static const struct
{
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "win.create", { "<Primary>n", NULL } },
  { "win.attach", { "<Primary>o", NULL } },
  { "win.refresh", { "F5", NULL } },
  { "win.pause", { "<Primary><Shift>space", NULL } },
  { "win.undo", { "<Primary>z", NULL } },
  { "win.redo", { "<Primary><Shift>z", NULL } },
  { "win.goto", { "<Primary>l", NULL } },
  { "win.copy", { "<Primary>c", NULL } },
  { "win.close-tab", { "<Primary>w", NULL } },
  { "win.sidebar-visible", { "F9", NULL } },
  { "page.next-change", { "F8", NULL } },
  { "page.previous-change", { "<Shift>F8", NULL } },
  { "page.take-snapshot", { "<Primary><Shift>s", NULL } },
  { "page.inspector", { "F7", NULL } },
  { "page.show-layout", { "<Primary><Shift>l", NULL } },
  { "page.find", { "<Primary>f", NULL } },
  { "page.find-next", { "<Primary>g", NULL } },
  { "page.find-previous", { "<Primary><Shift>g", NULL } },
};

/* Once per process and screen: the provider outlives any one application
 * object (the tests run several in turn). */
static void
load_css (void)
{
  static GtkCssProvider *provider;

  if (provider != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (),
                                             GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
shmview_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (shmview_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), app_accels[i].action,
                                           app_accels[i].accels);
  load_css ();
}

static void
shmview_application_class_init (ShmviewApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = shmview_application_startup;
  app_class->activate = shmview_application_activate;
  app_class->command_line = shmview_application_command_line;
  app_class->local_command_line = shmview_application_local_command_line;
}

static void
shmview_application_init (ShmviewApplication *self)
{
}
