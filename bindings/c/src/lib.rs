//! C ABI for kommunlots.
