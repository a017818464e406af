//! Reading recorded Hub API responses.
