//! Benchmarks of the working-time calendar (filled in below).
fn main() {}
