/* shmview-window.c: the main window (region browser + notebook of regions)
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window holds no region state of its own: each tab is a
 * ShmviewRegionPage that owns its region. The window passes the shared
 * settings down (interval and pause to the pages, view settings to their hex
 * views), keeps the title and the enabled actions in step with the current
 * tab, and remembers its size.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "shmview-errors-ui.h"
#include "shmview-region-browser.h"
#include "shmview-spec.h"
#include "shmview-ui-util.h"
#include "shmview-window-private.h"

G_DEFINE_FINAL_TYPE (ShmviewWindow, shmview_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_PAUSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ShmviewWindow *
shmview_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SHMVIEW_TYPE_WINDOW, "application", application, NULL);
}

ShmviewRegionPage *
shmview_window_get_current_page (ShmviewWindow *self)
{
  int n;

  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), NULL);

  n = gtk_notebook_get_current_page (self->notebook);
  if (n < 0)
    return NULL;
  return SHMVIEW_REGION_PAGE (gtk_notebook_get_nth_page (self->notebook, n));
}

guint
shmview_window_get_n_pages (ShmviewWindow *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), 0);

  return gtk_notebook_get_n_pages (self->notebook);
}

ShmviewRegionPage *
shmview_window_get_nth_page (ShmviewWindow *self,
                             guint          index)
{
  GtkWidget *child;

  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), NULL);

  child = gtk_notebook_get_nth_page (self->notebook, index);
  return child != NULL ? SHMVIEW_REGION_PAGE (child) : NULL;
}

GtkWidget *
_shmview_window_get_hex_view (ShmviewWindow *self)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (self);

  return page != NULL ? shmview_region_page_get_hex_view (page) : NULL;
}

static GtkLabel *
tab_label_get_label (GtkWidget *tab)
{
  return g_object_get_data (G_OBJECT (tab), "shmview-tab-title");
}

const char *
_shmview_window_get_tab_label_text (ShmviewWindow     *self,
                                    ShmviewRegionPage *page)
{
  GtkWidget *tab = gtk_notebook_get_tab_label (self->notebook, GTK_WIDGET (page));

  return tab != NULL ? gtk_label_get_text (tab_label_get_label (tab)) : NULL;
}

/* Destroying the page drops its region, monitor and history with it.
 *
 * GTK 3's notebook accessible announces a removed page after the notebook
 * has let go of it; when an AT client listens, the bridge then asks the
 * page's accessible for its state and name, which look up the page's tab
 * with gtk_notebook_get_tab_label() and fail its 'list != NULL' assertion
 * (a Gtk-CRITICAL per closed tab). Those lookups are skipped while the
 * notebook shows no tabs, so the tabs are hidden for the moment of removal;
 * nothing is drawn in between. */
static void
remove_page (ShmviewWindow *self,
             GtkWidget     *page)
{
  gboolean show_tabs = gtk_notebook_get_show_tabs (self->notebook);

  gtk_notebook_set_show_tabs (self->notebook, FALSE);
  gtk_widget_destroy (page);
  gtk_notebook_set_show_tabs (self->notebook, show_tabs);
}

void
_shmview_window_close_page (ShmviewWindow     *self,
                            ShmviewRegionPage *page)
{
  g_assert (SHMVIEW_IS_WINDOW (self));
  g_assert (SHMVIEW_IS_REGION_PAGE (page));

  remove_page (self, GTK_WIDGET (page));
}

/* "/MapTrans — read-write": what the page shows, and how. */
static char *
describe_page_region (ShmviewRegionPage *page)
{
  ShmviewRegion *region = shmview_region_page_get_region (page);

  return g_strdup_printf ("%s — %s", shmview_region_page_get_spec_text (page),
                          shmview_region_is_read_only (region) ? _("read-only")
                                                               : _("read-write"));
}

static void
update_title (ShmviewWindow *self)
{
  ShmviewRegionPage *page = shmview_window_get_current_page (self);
  g_autofree char *subtitle = NULL;

  if (page == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "shmview");
      gtk_header_bar_set_subtitle (self->header_bar, NULL);
      return;
    }

  subtitle = describe_page_region (page);
  gtk_window_set_title (GTK_WINDOW (self), shmview_region_page_get_title (page));
  gtk_header_bar_set_subtitle (self->header_bar, subtitle);
}

static void
update_empty_state (ShmviewWindow *self)
{
  gboolean empty = gtk_notebook_get_n_pages (self->notebook) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "pages");
}

static void
page_title_changed_cb (ShmviewWindow     *self,
                       GParamSpec        *pspec,
                       ShmviewRegionPage *page)
{
  GtkWidget *tab = gtk_notebook_get_tab_label (self->notebook, GTK_WIDGET (page));

  if (tab != NULL)
    gtk_label_set_text (tab_label_get_label (tab), shmview_region_page_get_title (page));
  if (page == shmview_window_get_current_page (self))
    update_title (self);
}

/* The tab's dot is not in the accessibility tree (a notebook page tab shows
 * only its label's text): its page tab says the same in its description. */
static void
page_activity_changed_cb (ShmviewWindow     *self,
                          GParamSpec        *pspec,
                          ShmviewRegionPage *page)
{
  AtkObject *notebook = gtk_widget_get_accessible (GTK_WIDGET (self->notebook));
  int n = gtk_notebook_page_num (self->notebook, GTK_WIDGET (page));
  AtkObject *tab;

  if (n < 0 || (tab = atk_object_ref_accessible_child (notebook, n)) == NULL)
    return;
  atk_object_set_description (tab, shmview_region_page_get_offscreen_activity (page)
                                   ? _("Changing off screen") : "");
  g_object_unref (tab);
}

static void
page_undo_state_changed_cb (ShmviewWindow *self)
{
  _shmview_window_update_actions (self);
}

static void
tab_close_clicked_cb (GtkButton *button,
                      GtkWidget *page)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (button)));

  _shmview_window_close_page (self, SHMVIEW_REGION_PAGE (page));
}

/* A dot on the tab while the region changes outside the rows on screen. */
static GtkWidget *
create_activity_dot (ShmviewRegionPage *page)
{
  GtkWidget *dot = gtk_label_new ("●");

  gtk_style_context_add_class (gtk_widget_get_style_context (dot), "shmview-activity-dot");
  gtk_widget_set_tooltip_text (dot, _("Changing outside the visible rows"));
  atk_object_set_name (gtk_widget_get_accessible (dot), _("Changing off screen"));
  gtk_widget_set_no_show_all (dot, TRUE);
  g_object_bind_property (page, "offscreen-activity", dot, "visible", G_BINDING_DEFAULT);
  g_object_set_data (G_OBJECT (page), "shmview-tab-dot", dot);
  return dot;
}

/* The tab: the region's name, ellipsized, and a small close button. */
static GtkWidget *
create_tab_label (ShmviewRegionPage *page)
{
  g_autofree char *tooltip = describe_page_region (page);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (shmview_region_page_get_title (page));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic", GTK_ICON_SIZE_MENU);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (box, tooltip);

  gtk_button_set_relief (GTK_BUTTON (close), GTK_RELIEF_NONE);
  gtk_widget_set_focus_on_click (close, FALSE);
  gtk_widget_set_tooltip_text (close, _("Close (Ctrl+W)"));
  atk_object_set_name (gtk_widget_get_accessible (close), _("Close tab"));
  gtk_style_context_add_class (gtk_widget_get_style_context (close), "tab-close-button");
  g_signal_connect_object (close, "clicked", G_CALLBACK (tab_close_clicked_cb), page, 0);

  /* A name can have a read-only and a read-write tab side by side. */
  if (shmview_region_is_read_only (shmview_region_page_get_region (page)))
    {
      GtkWidget *lock = gtk_image_new_from_icon_name ("changes-prevent-symbolic",
                                                      GTK_ICON_SIZE_MENU);

      atk_object_set_name (gtk_widget_get_accessible (lock), _("read-only"));
      gtk_container_add (GTK_CONTAINER (box), lock);
    }
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), create_activity_dot (page));
  gtk_container_add (GTK_CONTAINER (box), close);
  g_object_set_data (G_OBJECT (box), "shmview-tab-title", label);
  gtk_widget_show_all (box);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (page), "shmview-tab-dot"),
                          shmview_region_page_get_offscreen_activity (page));
  return box;
}

/* Settings the hex view shows with; the bindings go away with the page.
 * (The string pane follows "string-encoding" by itself.) */
static void
bind_page_settings (ShmviewWindow     *self,
                    ShmviewRegionPage *page)
{
  GtkWidget *hex_view = shmview_region_page_get_hex_view (page);
  GSettingsBindFlags flags = G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY;

  g_object_bind_property (self, "interval", page, "interval", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "paused", page, "paused", G_BINDING_SYNC_CREATE);

  g_settings_bind (self->settings, "bytes-per-row", hex_view, "bytes-per-row", flags);
  g_settings_bind (self->settings, "font", hex_view, "font-name", flags);
  g_settings_bind (self->settings, "highlight-fade-ms", hex_view, "fade-ms", flags);
  g_settings_bind (self->settings, "watch-cpu-budget", page, "cpu-budget", flags);
}

static void
notebook_page_added_cb (ShmviewWindow *self,
                        GtkWidget     *child,
                        guint          page_num)
{
  ShmviewRegionPage *page = SHMVIEW_REGION_PAGE (child);

  bind_page_settings (self, page);
  /* a region this window just made shows in the list at once */
  shmview_region_browser_queue_reload (self->browser);
  g_signal_connect_object (page, "notify::title",
                           G_CALLBACK (page_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::can-undo",
                           G_CALLBACK (page_undo_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::offscreen-activity",
                           G_CALLBACK (page_activity_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::can-redo",
                           G_CALLBACK (page_undo_state_changed_cb), self, G_CONNECT_SWAPPED);
  update_empty_state (self);
  _shmview_window_update_actions (self);
}

static void
notebook_page_removed_cb (ShmviewWindow *self,
                          GtkWidget     *child,
                          guint          page_num)
{
  g_signal_handlers_disconnect_by_data (child, self);
  /* While the window goes away its parts leave one by one: the stack may
   * have lost the notebook already. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  update_empty_state (self);
  update_title (self);
  _shmview_window_update_actions (self);
}

static void
notebook_switch_page_cb (ShmviewWindow *self,
                         GtkWidget     *child,
                         guint          page_num)
{
  update_title (self);
  _shmview_window_update_actions (self);
}

/* The tab to focus rather than attach @spec again: one with the same
 * access, since asking for read-only must never end in a tab that writes,
 * and whose object still has the name: a name removed and made again names
 * a new object, which gets a tab of its own. */
static ShmviewRegionPage *
find_page (ShmviewWindow     *self,
           const ShmviewSpec *spec,
           gboolean           read_only)
{
  guint n = gtk_notebook_get_n_pages (self->notebook);

  for (guint i = 0; i < n; i++)
    {
      ShmviewRegionPage *page = shmview_window_get_nth_page (self, i);
      ShmviewRegion *region = shmview_region_page_get_region (page);

      if (!shmview_spec_equal (shmview_region_get_spec (region), spec)
          || !shmview_region_is_read_only (region) != !read_only)
        continue;
      /* a removal since the page's last tick counts too */
      shmview_region_page_refresh (page);
      if (!shmview_region_is_removed (region))
        return page;
    }
  return NULL;
}

static void
focus_page (ShmviewWindow     *self,
            ShmviewRegionPage *page)
{
  int n = gtk_notebook_page_num (self->notebook, GTK_WIDGET (page));

  gtk_notebook_set_current_page (self->notebook, n);
  shmview_region_page_focus_hex (page);
}

/* A new tab for @region, made the current one. */
static ShmviewRegionPage *
append_page (ShmviewWindow *self,
             ShmviewRegion *region)
{
  ShmviewRegionPage *page = SHMVIEW_REGION_PAGE (shmview_region_page_new (region));
  int n;

  gtk_widget_show (GTK_WIDGET (page));
  n = gtk_notebook_append_page (self->notebook, GTK_WIDGET (page), create_tab_label (page));
  gtk_notebook_set_tab_reorderable (self->notebook, GTK_WIDGET (page), TRUE);
  gtk_notebook_set_menu_label_text (self->notebook, GTK_WIDGET (page),
                                    shmview_region_page_get_title (page));
  gtk_notebook_set_current_page (self->notebook, n);
  return page;
}

ShmviewRegionPage *
shmview_window_open_region (ShmviewWindow *self,
                            ShmviewRegion *region)
{
  ShmviewRegionPage *page;

  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), NULL);
  g_return_val_if_fail (SHMVIEW_IS_REGION (region), NULL);

  page = find_page (self, shmview_region_get_spec (region),
                    shmview_region_is_read_only (region));
  if (page == NULL)
    page = append_page (self, region);

  focus_page (self, page);
  return page;
}

gboolean
shmview_window_open_parsed_spec (ShmviewWindow      *self,
                                 const ShmviewSpec  *spec,
                                 gboolean            read_only,
                                 GError            **error)
{
  ShmviewRegionPage *page;

  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Attaching twice would give two pages fighting over one undo history. */
  page = find_page (self, spec, read_only);
  if (page == NULL)
    {
      g_autoptr(ShmviewRegion) region =
        shmview_region_open (spec, read_only ? SHMVIEW_OPEN_READ_ONLY : SHMVIEW_OPEN_FLAGS_NONE,
                             0, 0, error);

      if (region == NULL)
        return FALSE;
      page = append_page (self, region);
    }

  focus_page (self, page);
  return TRUE;
}

gboolean
shmview_window_open_spec (ShmviewWindow  *self,
                          const char     *spec,
                          gboolean        read_only,
                          GError        **error)
{
  g_autoptr(ShmviewSpec) parsed = NULL;

  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A relative file: path is this process's, made absolute now, so tabs
   * compare by the file they show. */
  parsed = shmview_spec_parse_in_dir (spec, NULL, error);
  if (parsed == NULL)
    return FALSE;

  return shmview_window_open_parsed_spec (self, parsed, read_only, error);
}

void
shmview_window_show_error (ShmviewWindow *self,
                           const char    *message)
{
  g_return_if_fail (SHMVIEW_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  shmview_info_bar_show (self->info_bar, self->info_label, GTK_MESSAGE_ERROR, message);
}

static void
info_bar_response_cb (ShmviewWindow *self,
                      int            response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
}

static void
browser_attach_cb (ShmviewWindow *self,
                   const char    *spec,
                   gboolean       read_only)
{
  g_autoptr(GError) error = NULL;

  if (!shmview_window_open_spec (self, spec, read_only, &error))
    {
      g_autofree char *message =
        shmview_describe_spec_error (error, spec, read_only ? SHMVIEW_ACTION_OPEN_READ_ONLY
                                                            : SHMVIEW_ACTION_OPEN);

      shmview_window_show_error (self, message);
    }
}

guint
shmview_window_get_interval (ShmviewWindow *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), 0);

  return self->interval;
}

/* "100 ms", "1.5 s": short enough for the header bar. */
static char *
format_interval (guint interval_ms)
{
  if (interval_ms < 1000)
    /* Translators: a refresh interval in milliseconds */
    return g_strdup_printf (_("%u ms"), interval_ms);
  /* Translators: a refresh interval in seconds, e.g. “1.5 s” */
  return g_strdup_printf (_("%g s"), interval_ms / 1000.0);
}

void
shmview_window_set_interval (ShmviewWindow *self,
                             guint          interval_ms)
{
  g_autofree char *text = NULL;

  g_return_if_fail (SHMVIEW_IS_WINDOW (self));

  interval_ms = CLAMP (interval_ms, SHMVIEW_INTERVAL_MIN, SHMVIEW_INTERVAL_MAX);
  if (self->interval == interval_ms)
    return;

  self->interval = interval_ms;
  text = format_interval (interval_ms);
  gtk_label_set_text (self->interval_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

void
shmview_window_override_interval (ShmviewWindow *self,
                                  guint          interval_ms)
{
  g_return_if_fail (SHMVIEW_IS_WINDOW (self));

  /* Unbound, the header bar's spin button moves only this window too. */
  g_settings_unbind (self, "interval");
  shmview_window_set_interval (self, interval_ms);
}

static void
update_pause_button (ShmviewWindow *self)
{
  gtk_image_set_from_icon_name (self->pause_image,
                                self->paused ? "media-playback-start-symbolic"
                                             : "media-playback-pause-symbolic",
                                GTK_ICON_SIZE_BUTTON);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               self->paused ? _("Resume Live Refresh (Ctrl+Shift+Space)")
                                            : _("Pause Live Refresh (Ctrl+Shift+Space)"));
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->pause_button)),
                       self->paused ? _("Resume live refresh") : _("Pause live refresh"));
}

gboolean
shmview_window_get_paused (ShmviewWindow *self)
{
  g_return_val_if_fail (SHMVIEW_IS_WINDOW (self), FALSE);

  return self->paused;
}

void
shmview_window_set_paused (ShmviewWindow *self,
                           gboolean       paused)
{
  g_return_if_fail (SHMVIEW_IS_WINDOW (self));

  paused = !!paused;
  if (self->paused == paused)
    return;

  self->paused = paused;
  update_pause_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

/* Geometry: remembered while the window lives, written once on close.
 *
 * The size GTK takes and gives back leaves out the header bar and the frame
 * (about 56 and 10 pixels): FRAME_* keep room for them, so the whole window
 * fits a small screen (1024x768) however large the remembered size. */
#define FRAME_WIDTH    24
#define FRAME_HEIGHT   72
#define MIN_WIDTH      360
#define MIN_HEIGHT     300
/* The page's room for 16 bytes a row in the default font, and the least
 * of the region list that still reads. */
#define PAGE_WIDTH     720
#define SIDEBAR_MIN    200

static void
fit_to_screen (ShmviewWindow *self,
               int           *width,
               int           *height)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = gdk_display_get_primary_monitor (display);
  GdkRectangle area;

  if (monitor == NULL)
    monitor = gdk_display_get_monitor (display, 0);
  if (monitor == NULL)
    return;

  gdk_monitor_get_workarea (monitor, &area);
  *width = MAX (MIN (*width, area.width - FRAME_WIDTH), MIN_WIDTH);
  *height = MAX (MIN (*height, area.height - FRAME_HEIGHT), MIN_HEIGHT);
}

/* A narrow window gives the region list less room before the hex view. */
static void
fit_sidebar (ShmviewWindow *self,
             int            width)
{
  int most = MAX (width - PAGE_WIDTH, SIDEBAR_MIN);

  if (gtk_paned_get_position (self->paned) > most)
    gtk_paned_set_position (self->paned, most);
}

static void
restore_geometry (ShmviewWindow *self)
{
  int width = g_settings_get_int (self->state_settings, "window-width");
  int height = g_settings_get_int (self->state_settings, "window-height");

  fit_to_screen (self, &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  fit_sidebar (self, width);
  if (g_settings_get_boolean (self->state_settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_geometry (ShmviewWindow *self)
{
  if (self->state_settings == NULL)
    return;

  if (self->width > 0 && self->height > 0)
    {
      g_settings_set_int (self->state_settings, "window-width", self->width);
      g_settings_set_int (self->state_settings, "window-height", self->height);
    }
  g_settings_set_boolean (self->state_settings, "window-maximized", self->maximized);
  g_settings_apply (self->state_settings);
}

static void
shmview_window_size_allocate (GtkWidget     *widget,
                              GtkAllocation *allocation)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (widget);

  GTK_WIDGET_CLASS (shmview_window_parent_class)->size_allocate (widget, allocation);

  /* gtk_window_get_size() is what set_default_size() takes back. */
  if (!self->maximized)
    gtk_window_get_size (GTK_WINDOW (self), &self->width, &self->height);
}

static gboolean
shmview_window_window_state_event (GtkWidget           *widget,
                                   GdkEventWindowState *event)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (widget);

  self->maximized = (event->new_window_state & GDK_WINDOW_STATE_MAXIMIZED) != 0;
  return GTK_WIDGET_CLASS (shmview_window_parent_class)->window_state_event (widget, event);
}

static void
shmview_window_set_focus (GtkWindow *window,
                          GtkWidget *focus)
{
  GTK_WINDOW_CLASS (shmview_window_parent_class)->set_focus (window, focus);

  /* Copy follows the focus: Ctrl+C must still reach entries. */
  _shmview_window_update_actions (SHMVIEW_WINDOW (window));
}

static void
setup_primary_menu (ShmviewWindow *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/menus.ui");
  GMenuModel *menu = G_MENU_MODEL (gtk_builder_get_object (builder, "primary-menu"));

  gtk_menu_button_set_menu_model (self->primary_menu_button, menu);
}

static void
bind_settings (ShmviewWindow *self)
{
  GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY;

  g_settings_bind (self->settings, "refresh-interval", self, "interval", flags);
  g_object_bind_property (self, "interval", self->interval_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "sidebar-visible", self->browser, "visible",
                   G_SETTINGS_BIND_GET | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (self->state_settings, "sidebar-width", self->paned, "position",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
}

static void
shmview_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      shmview_window_set_interval (self, g_value_get_uint (value));
      break;

    case PROP_PAUSED:
      shmview_window_set_paused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shmview_window_dispose (GObject *object)
{
  ShmviewWindow *self = SHMVIEW_WINDOW (object);

  /* Runs before GtkWidget's dispose emits "destroy", once per window. */
  save_geometry (self);
  /* The pages go first, one by one, the way a closed tab goes. */
  while (self->notebook != NULL && gtk_notebook_get_n_pages (self->notebook) > 0)
    remove_page (self, gtk_notebook_get_nth_page (self->notebook, 0));
  g_clear_object (&self->settings);
  g_clear_object (&self->state_settings);

  G_OBJECT_CLASS (shmview_window_parent_class)->dispose (object);
}

static void
shmview_window_class_init (ShmviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = shmview_window_get_property;
  object_class->set_property = shmview_window_set_property;
  object_class->dispose = shmview_window_dispose;

  widget_class->size_allocate = shmview_window_size_allocate;
  widget_class->window_state_event = shmview_window_window_state_event;

  window_class->set_focus = shmview_window_set_focus;

  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", "Interval", "Refresh interval of every page in ms",
                       SHMVIEW_INTERVAL_MIN, SHMVIEW_INTERVAL_MAX, SHMVIEW_INTERVAL_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", "Paused", "Live refresh of every page stopped",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHMVIEW_TYPE_REGION_BROWSER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/shmview-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, interval_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, pause_image);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, browser);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, empty_state);
  gtk_widget_class_bind_template_child (widget_class, ShmviewWindow, notebook);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, browser_attach_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_switch_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_page_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_page_removed_cb);
}

static void
shmview_window_init (ShmviewWindow *self)
{
  self->interval = SHMVIEW_INTERVAL_DEFAULT;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  /* A second, delayed view of the same schema: dragging the pane or
   * resizing must not write to disk on every pixel. */
  self->state_settings = g_settings_new (APP_ID);
  g_settings_delay (self->state_settings);

  setup_primary_menu (self);
  _shmview_window_add_actions (self);
  bind_settings (self);
  restore_geometry (self);
  update_pause_button (self);
  update_empty_state (self);
  update_title (self);
  _shmview_window_update_actions (self);
}
