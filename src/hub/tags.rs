//! Tag splitting.
