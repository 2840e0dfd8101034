//! WebAssembly binding for kommunlots.
