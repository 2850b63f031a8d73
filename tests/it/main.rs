//! The integration tests: one test crate, so the suite links one binary instead of one per file.
//! Each module was a file of its own under `tests/`; `common` holds the helpers they share (run
//! the real binary, read what it wrote), and the fixtures stay in `tests/data/`.
//!
//! Run one module's tests with its path as the filter: `cargo test --test it feed::`.

mod common;

mod backends;
mod clean_corpus;
mod clean_real_pages;
mod errors;
mod farm;
mod faults;
mod feed;
mod follow_sync;
mod html_charset;
mod ingest_formats;
mod literal_input;
mod mp3_chapters;
mod natural_voices;
mod podcast_outputs;
mod quotations;
mod render_espeak;
mod resume_and_faults;
mod script_cli;
mod script_command;
mod serve;
mod several_voices;
mod site_page;
mod spoken_render;
