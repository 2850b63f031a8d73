//! Ingest: bytes from a file or standard input become a [`Document`].
//!
//! This stage decodes the bytes and picks a reader by the kind of input. It knows nothing about
//! page furniture or speech; it only recovers the blocks of text (and any metadata the format
//! carries) so that `clean` can decide what a narrator would read.

mod decode;
mod document;
mod error;
mod source;
mod text;

pub use document::{Document, DocumentKind, Metadata, SourceBlock, SourceBlockKind};
pub use error::IngestError;
pub use source::InputSource;

/// Read and decode one input into a document.
pub fn read_document(source: &InputSource) -> Result<Document, IngestError> {
    let bytes = source.read_bytes()?;
    let text = text::decode(&bytes, source)?;
    Ok(text::parse_plain(source.display_name(), &text))
}
