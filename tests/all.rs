//! Every end-to-end test file of `tests/`, compiled and linked as one test binary (Cargo.toml
//! sets `autotests = false`): one link of the library and its dependencies instead of one per
//! file, and one pool of test threads over all of them, so a slow file no longer runs alone.
//! The files stay where they are and each still says `mod common;`. Run one file's tests with
//! `cargo test --release --test all FILE::` (e.g. `--test all easy_furigana::`).
//! A new `tests/NAME.rs` must be added below; `every_test_file_is_a_module` fails until it is.

// Each file keeps its own `mod common;` (so files added on other branches merge unchanged):
// the helpers are compiled once per file, as they were when each file was its own binary.
#![allow(clippy::duplicate_mod)]

#[path = "bad_input.rs"]
mod bad_input;
#[path = "build_site.rs"]
mod build_site;
#[path = "check_cli.rs"]
mod check_cli;
#[path = "code_shape.rs"]
mod code_shape;
#[path = "contacts.rs"]
mod contacts;
#[path = "content_files.rs"]
mod content_files;
#[path = "counter_card.rs"]
mod counter_card;
#[path = "diag_positions.rs"]
mod diag_positions;
#[path = "discoverability.rs"]
mod discoverability;
#[path = "easy_furigana.rs"]
mod easy_furigana;
#[path = "fuzz_load.rs"]
mod fuzz_load;
#[path = "handouts.rs"]
mod handouts;
#[path = "hostile_input.rs"]
mod hostile_input;
#[path = "incremental.rs"]
mod incremental;
#[path = "kinds.rs"]
mod kinds;
#[path = "module_graph.rs"]
mod module_graph;
#[path = "new_cli.rs"]
mod new_cli;
#[path = "open_data.rs"]
mod open_data;
#[path = "output_safety.rs"]
mod output_safety;
#[path = "outputs_plug.rs"]
mod outputs_plug;
#[path = "paged_lists.rs"]
mod paged_lists;
#[path = "parent_ux.rs"]
mod parent_ux;
#[path = "public_surface.rs"]
mod public_surface;
#[path = "replace_output.rs"]
mod replace_output;
#[path = "review.rs"]
mod review;
#[path = "ruby.rs"]
mod ruby;
#[path = "search_relevance.rs"]
mod search_relevance;
#[path = "search_shards.rs"]
mod search_shards;
#[path = "search_thesaurus.rs"]
mod search_thesaurus;
#[path = "search_tokenizer.rs"]
mod search_tokenizer;
#[path = "serve.rs"]
mod serve;
#[path = "shipped_site.rs"]
mod shipped_site;
#[path = "stage_wards.rs"]
mod stage_wards;
#[path = "templates_doc.rs"]
mod templates_doc;
#[path = "three_lang.rs"]
mod three_lang;
#[path = "xml_wellformed.rs"]
mod xml_wellformed;

/// `autotests = false` means Cargo no longer finds a new file in `tests/` by itself: one left
/// out of this list would never run. Lists every such file that is missing.
#[test]
fn every_test_file_is_a_module() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let harness = std::fs::read_to_string(dir.join("all.rs")).unwrap();
    let mut missing: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs") && name != "all.rs")
        .filter(|name| !harness.contains(&format!("#[path = \"{name}\"]")))
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "tests/all.rs does not include {missing:?}: add `#[path = \"NAME.rs\"] mod NAME;` for each \
         (Cargo.toml has autotests = false, so a file not listed there never runs)"
    );
}
