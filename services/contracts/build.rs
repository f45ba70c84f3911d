//! Generates the Rust types of `proto/` at build time with protox (a pure-Rust
//! .proto compiler), prost and pbjson, so no system `protoc` is needed.

use std::path::PathBuf;

use prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Read at run time: a build script compiled in another checkout that
    // shares the target directory must still find this checkout's protos.
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../../proto");
    let files = [
        "newsflow/v1/url_request.proto",
        "newsflow/v1/page.proto",
        "newsflow/v1/article.proto",
        "newsflow/v1/dead_letter.proto",
    ];
    for file in &files {
        println!("cargo:rerun-if-changed={}", root.join(file).display());
    }
    let fds = protox::compile(files, [&root])?;
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let descriptor_bytes = fds.encode_to_vec();
    // The descriptor set is also embedded in the crate: the contract snapshot
    // test reads it to detect breaking changes.
    std::fs::write(out_dir.join("descriptor.bin"), &descriptor_bytes)?;

    prost_build::Config::new()
        .compile_well_known_types()
        .extern_path(".google.protobuf", "::pbjson_types")
        .compile_fds(fds)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptor_bytes)?
        .build(&[".newsflow"])?;
    Ok(())
}
