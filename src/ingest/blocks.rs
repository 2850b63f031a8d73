//! Building the block list of a structured document: text gathered from inline pieces is
//! flushed as one block with its whitespace collapsed, and empty blocks are never made.

use super::{SourceBlock, SourceBlockKind};

#[derive(Debug, Default)]
pub struct BlockBuilder {
    blocks: Vec<SourceBlock>,
    text: String,
}

impl BlockBuilder {
    /// Add inline text to the block being gathered.
    pub fn push_text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Take the text gathered since the last flush, whitespace collapsed, without making a block.
    pub fn take_text(&mut self) -> String {
        let text = std::mem::take(&mut self.text);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// End the block being gathered; it becomes a block of `kind` if it holds any words.
    pub fn flush(&mut self, kind: SourceBlockKind, first_line: usize) {
        let text = std::mem::take(&mut self.text);
        self.push(kind, &text, first_line);
    }

    /// Add a whole block (whitespace collapsed; nothing is added when `text` is blank).
    pub fn push(&mut self, kind: SourceBlockKind, text: &str, first_line: usize) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        self.blocks.push(SourceBlock { kind, lines: vec![text], first_line });
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn into_blocks(self) -> Vec<SourceBlock> {
        self.blocks
    }
}
