// `include_dir!` cannot tell cargo which files it read, so changes to the corpus or the
// migrations would not trigger a rebuild without this.
fn main() {
    println!("cargo:rerun-if-changed=corpus");
    println!("cargo:rerun-if-changed=migrations");
}
