//! Reference set loader.
