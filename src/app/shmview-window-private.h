/* shmview-window-private.h: what shmview-window.c and -actions.c share
 *
 * Copyright 2026 The shmview authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget tests include this too, to look at the window's parts.
 */
#pragma once

#include "shmview-region-browser.h"
#include "shmview-window.h"

G_BEGIN_DECLS

struct _ShmviewWindow
{
  GtkApplicationWindow  parent_instance;

  /* template widgets */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  GtkAdjustment        *interval_adjustment;
  GtkLabel             *interval_label;
  GtkToggleButton      *pause_button;
  GtkImage             *pause_image;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkPaned             *paned;
  ShmviewRegionBrowser *browser;
  GtkStack             *stack;
  GtkWidget            *empty_state;
  GtkNotebook          *notebook;

  /* owned */
  GSettings            *settings;        /* interval, view settings, sidebar */
  GSettings            *state_settings;  /* delayed: geometry, applied on close */

  /* state */
  guint                 interval;
  gboolean              paused;
  int                   width;
  int                   height;
  gboolean              maximized;
};

/* shmview-window-actions.c */
void        _shmview_window_add_actions        (ShmviewWindow     *self);
/* Recomputes which window actions are enabled from the current page. */
void        _shmview_window_update_actions     (ShmviewWindow     *self);

/* shmview-window.c */
GtkWidget  *_shmview_window_get_hex_view       (ShmviewWindow     *self);
const char *_shmview_window_get_tab_label_text (ShmviewWindow     *self,
                                                ShmviewRegionPage *page);
void        _shmview_window_close_page         (ShmviewWindow     *self,
                                                ShmviewRegionPage *page);

G_END_DECLS
