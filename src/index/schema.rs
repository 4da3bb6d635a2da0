//! The index schema and its tokenizers.

use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{LowerCaser, RawTokenizer, TextAnalyzer};

/// Bump when the schema or what goes into the documents changes: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// Keywords: the whole value, lowercased (`defines:Deploy` finds "deploy").
pub const KEYWORD: &str = "billdiff_keyword";

/// The fields, by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `provision` or `version`.
    pub doc_type: Field,
    /// `bill@version`: what a version's documents are replaced by.
    pub key: Field,
    /// Bill folder id (`ca-sb1047`).
    pub bill: Field,
    /// Jurisdiction (`ca`).
    pub jurisdiction: Field,
    /// Session (`2023–2024 Regular Session`), searchable by word (`session:2024`).
    pub session: Field,
    /// Version id (`enrolled`).
    pub version: Field,
    /// Version date (`2024-09-03`).
    pub date: Field,
    /// Measure (`SB 1047`).
    pub measure: Field,
    /// Provision path.
    pub path: Field,
    /// The code section or bill section the provision is in (`22602`, `SEC. 2`).
    pub section: Field,
    /// The nearest heading's words (`Chapter 22.6 Safe and Secure ...`).
    pub heading: Field,
    /// Label and own text, English-stemmed.
    pub text: Field,
    /// Label and own text, unstemmed: `exact:"full shutdown"`.
    pub exact: Field,
    /// Terms defined here.
    pub defines: Field,
    /// Defined terms used here.
    pub uses: Field,
    /// Glossary terms of art used here without a definition in scope, in the technical sense or in a
    /// sense the context does not tell (what `undefined:` finds).
    pub undefined: Field,
    /// The same terms by the sense the analysis gave each use: `[technical, ordinary, unclear, any]`
    /// (what `undefined:` finds under `sense:technical`, `sense:ordinary`, `sense:unclear`, `sense:any`).
    pub undefined_by_sense: [Field; 4],
    /// The words of those uses as written (`unreleased`, `make a frontier model available`): stored, to
    /// highlight them in a hit's snippet.
    pub undefined_words: Field,
    /// Document order within the version.
    pub order: Field,
    /// A hash of bill, path and text (a fast field): the documents of one provision that reads the same
    /// in several versions share it, and a search groups them by it without reading them.
    pub group: Field,
    /// For version documents: content hash.
    pub hash: Field,
    /// For version documents: the file indexed.
    pub source: Field,
    /// For version documents: number of provisions.
    pub count: Field,
}

fn keyword(stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic),
    );
    if stored { o.set_stored() } else { o }
}

fn words(tokenizer: &str, stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored { o.set_stored() } else { o }
}

/// The fields of [`Fields::undefined_by_sense`], in its order: a query's `sense:` filter turns its
/// `undefined:` terms into these.
pub const SENSE_FIELDS: [&str; 4] = [
    "undefined_technical",
    "undefined_ordinary",
    "undefined_unclear",
    "undefined_any",
];

/// Build the schema.
pub fn build() -> (Schema, Fields) {
    let mut sb = Schema::builder();
    let f = Fields {
        doc_type: sb.add_text_field("doc_type", keyword(true)),
        key: sb.add_text_field("key", keyword(true)),
        bill: sb.add_text_field("bill", keyword(true)),
        jurisdiction: sb.add_text_field("jurisdiction", keyword(true)),
        session: sb.add_text_field("session", words("default", true)),
        version: sb.add_text_field("version", keyword(true)),
        date: sb.add_text_field("date", keyword(true)),
        measure: sb.add_text_field("measure", keyword(true)),
        path: sb.add_text_field("path", keyword(true)),
        section: sb.add_text_field("section", keyword(true)),
        heading: sb.add_text_field("heading", words("en_stem", true)),
        text: sb.add_text_field("text", words("en_stem", true)),
        exact: sb.add_text_field("exact", words("default", false)),
        defines: sb.add_text_field("defines", keyword(true)),
        uses: sb.add_text_field("uses", keyword(true)),
        undefined: sb.add_text_field("undefined", keyword(true)),
        undefined_by_sense: SENSE_FIELDS.map(|name| sb.add_text_field(name, keyword(false))),
        undefined_words: sb.add_text_field("undefined_words", STORED),
        order: sb.add_u64_field("order", STORED | FAST | INDEXED),
        group: sb.add_u64_field("group", FAST),
        hash: sb.add_text_field("hash", keyword(true)),
        source: sb.add_text_field("source", keyword(true)),
        count: sb.add_u64_field("count", STORED),
    };
    (sb.build(), f)
}

/// Register billdiff's tokenizers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// A stored text field of a document, or "" when it has none.
pub fn text(d: &tantivy::TantivyDocument, field: Field) -> String {
    use tantivy::schema::Value;
    d.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// A stored number field of a document, or 0 when it has none.
pub fn number(d: &tantivy::TantivyDocument, field: Field) -> u64 {
    use tantivy::schema::Value;
    d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}
