//! Ingest: bytes from a file, standard input or a URL become a [`Document`].
//!
//! This stage decodes the bytes and picks a reader by the kind of input (plain text, Markdown,
//! HTML). It knows nothing about page furniture or speech; it only recovers the blocks of text
//! (and any metadata the format carries) so that `clean` can decide what a narrator would read.

mod blocks;
mod charset;
mod decode;
mod document;
mod error;
pub mod fetch;
mod folder;
mod html;
mod html_depth;
pub mod kind;
mod markdown;
mod options;
mod source;
mod text;

// The `<meta>` charset prescan: public for its fuzzer in fuzz/.
pub use charset::{PRESCAN_BYTES, Prescan, prescan};
pub use document::{Document, DocumentKind, Metadata, SourceBlock, SourceBlockKind};
pub use error::IngestError;
pub use folder::expand_inputs;
pub use options::{
    DEFAULT_FETCH_LIMIT_BYTES, DEFAULT_FETCH_TIMEOUT, MAX_REDIRECTS, NOTE_CODE, NOTE_TABLE, ReadOptions, is_note,
};
pub use source::InputSource;

/// Read and decode one input into a document with the default reading options.
pub fn read_document(source: &InputSource) -> Result<Document, IngestError> {
    read_document_with(source, &ReadOptions::default())
}

/// Read and decode one input into a document. The kind comes from the URL's content type or the
/// file's extension; without either (standard input, an unknown extension) the text is sniffed.
pub fn read_document_with(source: &InputSource, options: &ReadOptions) -> Result<Document, IngestError> {
    let (bytes, named_kind, header_charset) = match source {
        InputSource::Url(url) => {
            let fetched = fetch::fetch(url, options)?;
            (fetched.bytes, Some(fetched.kind), fetched.charset)
        }
        InputSource::File(path) => (source.read_bytes()?, kind::from_extension(path), None),
        InputSource::Stdin => (source.read_bytes()?, None, None),
    };
    // Only a web page declares its encoding in its own bytes. An input of unknown kind is sniffed
    // from its raw first bytes: the markup that marks a page is ASCII in any encoding it declares.
    let html = match named_kind {
        Some(kind) => kind == DocumentKind::Html,
        None => {
            kind::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(charset::PRESCAN_BYTES)]))
                == DocumentKind::Html
        }
    };
    let declared = decode::Declared { content_type_charset: header_charset.as_deref(), html };
    // Every kind goes through the one decoder, so encoding detection applies to all of them.
    let text = text::decode(&bytes, source, declared)?;
    let name = source.display_name();
    match named_kind.unwrap_or_else(|| kind::sniff(&text)) {
        DocumentKind::Text => Ok(text::parse_plain(name, &text)),
        DocumentKind::Markdown => Ok(markdown::parse_markdown(name, &text, options)),
        DocumentKind::Html => html::parse_html(name, &text, options),
    }
}

/// Read HTML already in memory (an article a feed carries) as `render` reads a web page; `name`
/// is the input's name in messages and the manifest.
pub fn read_html(name: &str, html: &str, options: &ReadOptions) -> Result<Document, IngestError> {
    html::parse_html(name.to_string(), html, options)
}
