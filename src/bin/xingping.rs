//! The `xingping` command line.
fn main() {}
