//! Reusable drawing pieces: the sortable table, the histogram, the slider, stacked bars and the
//! status bar. They know styles through the theme and nothing of the panes.

pub mod histogram;
pub mod slider;
pub mod stacked_bar;
pub mod status_bar;
pub mod table;
