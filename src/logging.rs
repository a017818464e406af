//! Log file.
