//! PDF generation behind one small API: build a [`PdfDocument`] from blocks, then
//! [`PdfDocument::render`] it. The DejaVu Sans font covers every Latin script of the
//! registers (ł, ș, ğ, ø…); it is subset to the characters actually used, which keeps a
//! one-page document far below the 200 KB budget (`make bench` prints the figures).
//!
//! A subset font has no character map of its own, so printpdf writes an empty ToUnicode map and
//! the text could not be read back (screen readers, copy and paste, pdftotext). The fonts are
//! therefore subset here, with glyph numbers we know, and the maps are written after rendering
//! ([`unicode_maps`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use genpdfi::elements::{Break, FrameCellDecorator, Paragraph, TableLayout, UnorderedList};
use genpdfi::fonts::{FontData, FontFamily};
use genpdfi::style::{Color, Style};
use genpdfi::{Alignment, Document, Element, SimplePageDecorator};

#[derive(Debug, thiserror::Error)]
#[error("PDF generation failed: {0}")]
pub struct PdfError(String);

impl From<genpdfi::error::Error> for PdfError {
    fn from(error: genpdfi::error::Error) -> Self {
        PdfError(error.to_string())
    }
}

/// A piece of content, laid out top to bottom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// A small grey note.
    Note(String),
    /// "Label : value" lines, in a two-column framed table.
    Fields(Vec<(String, String)>),
    Bullets(Vec<String>),
    Space,
}

/// The holder's lines every document the service issues prints: name, birth, nationality, and
/// the numéro étranger when there is one.
pub fn holder_fields(name: &str, birth_date: &str, nationality: &str, numero_etranger: Option<&str>) -> Vec<(String, String)> {
    let mut fields = vec![
        ("Nom et prénoms".into(), name.to_owned()),
        ("Date de naissance".into(), birth_date.to_owned()),
        ("Nationalité".into(), nationality.to_owned()),
    ];
    if let Some(numero) = numero_etranger {
        fields.push(("Numéro étranger".into(), numero.to_owned()));
    }
    fields
}

/// A document: a header line (issuer), a title and blocks.
#[derive(Clone, Debug, Default)]
pub struct PdfDocument {
    pub issuer: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

const BLUE: Color = Color::Rgb(0, 0, 145);
const GREY: Color = Color::Rgb(102, 102, 102);

impl PdfDocument {
    pub fn new(issuer: impl Into<String>, title: impl Into<String>) -> Self {
        Self { issuer: issuer.into(), title: title.into(), blocks: Vec::new() }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// Every character the document will draw (to subset the font).
    fn characters(&self) -> String {
        let mut set: BTreeSet<char> = BTreeSet::new();
        let mut add = |text: &str| set.extend(text.chars());
        add(&self.issuer);
        add(&self.title);
        add("0123456789/– •");
        for block in &self.blocks {
            match block {
                Block::Heading(t) | Block::Paragraph(t) | Block::Note(t) => add(t),
                Block::Fields(fields) => fields.iter().for_each(|(l, v)| {
                    add(l);
                    add(v);
                }),
                Block::Bullets(items) => items.iter().for_each(|i| add(i)),
                Block::Space => {}
            }
        }
        set.into_iter().collect()
    }

    /// [`Self::render`] on the blocking pool: a render is milliseconds of CPU that would
    /// otherwise hold one of the runtime's workers (two on a 2-core machine) from every other
    /// request.
    pub async fn render_blocking(self) -> Result<Vec<u8>, PdfError> {
        tokio::task::spawn_blocking(move || self.render()).await.map_err(|error| PdfError(error.to_string()))?
    }

    pub fn render(&self) -> Result<Vec<u8>, PdfError> {
        let charset = self.characters();
        let regular = Subset::new(&REGULAR, &charset)?;
        let bold = Subset::new(&BOLD, &charset)?;
        let family = FontFamily {
            regular: regular.font.clone(),
            bold: bold.font.clone(),
            italic: regular.font.clone(),
            bold_italic: bold.font.clone(),
        };

        let mut doc = Document::new(family);
        doc.set_title(self.title.clone());
        doc.set_paper_size(genpdfi::PaperSize::A4);
        doc.set_font_size(10);
        doc.set_line_spacing(1.25);
        let mut decorator = SimplePageDecorator::new();
        decorator.set_margins(18);
        doc.set_page_decorator(decorator);

        doc.push(Paragraph::new(self.issuer.clone()).styled(Style::new().bold().with_color(BLUE).with_font_size(11)));
        doc.push(Break::new(1.0));
        doc.push(Paragraph::new(self.title.clone()).styled(Style::new().bold().with_font_size(16)));
        doc.push(Break::new(1.0));

        for block in &self.blocks {
            match block {
                Block::Heading(text) => {
                    doc.push(Break::new(0.6));
                    doc.push(Paragraph::new(text.clone()).styled(Style::new().bold().with_font_size(12).with_color(BLUE)));
                    doc.push(Break::new(0.3));
                }
                Block::Paragraph(text) => {
                    let mut paragraph = Paragraph::new(text.clone());
                    paragraph.set_alignment(Alignment::Left);
                    doc.push(paragraph);
                    doc.push(Break::new(0.4));
                }
                Block::Note(text) => {
                    doc.push(Paragraph::new(text.clone()).styled(Style::new().with_font_size(8).with_color(GREY)));
                    doc.push(Break::new(0.3));
                }
                Block::Fields(fields) => {
                    let mut table = TableLayout::new(vec![2, 3]);
                    table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
                    for (label, value) in fields {
                        table
                            .row()
                            .element(Paragraph::new(label.clone()).styled(Style::new().bold()).padded(1))
                            .element(Paragraph::new(value.clone()).padded(1))
                            .push()?;
                    }
                    doc.push(table);
                    doc.push(Break::new(0.4));
                }
                Block::Bullets(items) => {
                    let mut list = UnorderedList::new();
                    for item in items {
                        list.push(Paragraph::new(item.clone()));
                    }
                    doc.push(list);
                    doc.push(Break::new(0.4));
                }
                Block::Space => doc.push(Break::new(1.0)),
            }
        }

        let mut out = Vec::new();
        doc.render(&mut out)?;
        unicode_maps(out, &[&regular, &bold])
    }
}

/// A whole font: its bytes, and its metrics read once per process rather than at every
/// document (a copy and a parse of 700 KB each time, most of a render's cost under load).
struct FullFont {
    bytes: fn() -> &'static [u8],
    metrics: OnceLock<Result<FontData, String>>,
}

static REGULAR: FullFont = FullFont { bytes: dejavu::sans::regular, metrics: OnceLock::new() };
static BOLD: FullFont = FullFont { bytes: dejavu::sans::bold, metrics: OnceLock::new() };

impl FullFont {
    fn metrics(&self) -> Result<&FontData, PdfError> {
        let metrics = self.metrics.get_or_init(|| FontData::new_shared(Arc::new((self.bytes)().to_vec()), None).map_err(|e| e.to_string()));
        metrics.as_ref().map_err(|error| PdfError(error.clone()))
    }
}

/// A font reduced to the characters of one document, and what each of its glyphs shows.
struct Subset {
    font: FontData,
    to_unicode: BTreeMap<u16, char>,
}

impl Subset {
    fn new(whole: &FullFont, charset: &str) -> Result<Self, PdfError> {
        let full = (whole.bytes)();
        let face = ttf_parser::Face::parse(full, 0).map_err(|e| PdfError(e.to_string()))?;
        let mut remapper = subsetter::GlyphRemapper::new();
        remapper.remap(0);
        let mut glyphs = genpdfi::fonts::GlyphIdMap::new();
        let mut to_unicode = BTreeMap::new();
        for c in charset.chars() {
            if let Some(glyph) = face.glyph_index(c) {
                let id = remapper.remap(glyph.0);
                glyphs.insert(c, id);
                to_unicode.entry(id).or_insert(c);
            }
        }
        let data = subsetter::subset(full, 0, &remapper).map_err(|e| PdfError(format!("{e:?}")))?;
        // The whole font's metrics lay the text out; the subset is what the file embeds.
        let font = FontData::clone_with_data(whole.metrics()?, Arc::new(data), Some(glyphs));
        Ok(Subset { font, to_unicode })
    }

    /// The ToUnicode CMap of the subset (PDF 1.7, 9.10.3).
    fn cmap(&self) -> Vec<u8> {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<(&u16, &char)> = self.to_unicode.iter().collect();
        // At most 100 entries per block.
        for block in entries.chunks(100) {
            cmap.push_str(&format!("{} beginbfchar\n", block.len()));
            for (glyph, c) in block {
                let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|unit| format!("{unit:04X}")).collect();
                cmap.push_str(&format!("<{glyph:04X}> <{utf16}>\n"));
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        cmap.into_bytes()
    }
}

/// Replaces the ToUnicode map of every embedded font by the subsets' own. The subsets are built
/// from the same characters in the same order, so they number their glyphs alike and share one
/// map (checked: a document whose fonts would differ is refused rather than made unreadable).
///
/// The maps are appended as an incremental update (PDF 1.7, 7.5.6): the new map objects, then a
/// cross-reference stream for them (the rendered file has one, 7.5.8) pointing back to the
/// first. Parsing the whole file and writing it again took a third of a render.
fn unicode_maps(mut pdf: Vec<u8>, subsets: &[&Subset]) -> Result<Vec<u8>, PdfError> {
    let Some(first) = subsets.first() else { return Ok(pdf) };
    if subsets.iter().any(|s| s.to_unicode != first.to_unicode) {
        return Err(PdfError("the fonts of the document number their glyphs differently".into()));
    }
    let malformed = |what: &str| PdfError(format!("the rendered PDF has no {what}"));
    let mut maps = references_after(&pdf, b"/ToUnicode");
    if maps.is_empty() {
        return Err(malformed("font with a ToUnicode map"));
    }
    maps.sort_unstable();
    let previous = last_number_after(&pdf, b"startxref").ok_or_else(|| malformed("startxref"))?;
    let xref_dict = pdf.get(previous..).and_then(first_dictionary).ok_or_else(|| malformed("cross-reference stream"))?;
    let entry = |key: &[u8]| dictionary_entry(xref_dict, key).map(<[u8]>::to_vec);
    let size: u32 = entry(b"/Size").and_then(|v| String::from_utf8(v).ok()?.trim().parse().ok()).ok_or_else(|| malformed("/Size"))?;
    let root = entry(b"/Root").ok_or_else(|| malformed("/Root"))?;
    let carried: Vec<(&str, Vec<u8>)> =
        [("/Info", entry(b"/Info")), ("/ID", entry(b"/ID"))].into_iter().filter_map(|(key, value)| Some((key, value?))).collect();

    let cmap = first.cmap();
    let mut entries: Vec<(u32, usize, u16)> = Vec::with_capacity(maps.len() + 1);
    for (id, generation) in &maps {
        pdf.push(b'\n');
        entries.push((*id, pdf.len(), *generation));
        pdf.extend_from_slice(format!("{id} {generation} obj\n<</Length {}>>\nstream\n", cmap.len()).as_bytes());
        pdf.extend_from_slice(&cmap);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
    }
    // The new cross-reference stream is the file's next object.
    let xref_id = size;
    entries.push((xref_id, pdf.len(), 0));
    let mut table = Vec::with_capacity(entries.len() * 7);
    let mut index = String::new();
    for (id, offset, generation) in &entries {
        let offset = u32::try_from(*offset).map_err(|_| PdfError("a PDF over 4 GB".into()))?;
        table.push(1);
        table.extend_from_slice(&offset.to_be_bytes());
        table.extend_from_slice(&generation.to_be_bytes());
        index.push_str(&format!("{id} 1 "));
    }
    let start = pdf.len();
    pdf.extend_from_slice(format!("{xref_id} 0 obj\n<</Type /XRef /Size {} /Root ", xref_id + 1).as_bytes());
    pdf.extend_from_slice(&root);
    for (key, value) in carried {
        pdf.extend_from_slice(format!(" {key} ").as_bytes());
        pdf.extend_from_slice(&value);
    }
    pdf.extend_from_slice(
        format!(" /Prev {previous} /W [1 4 2] /Index [{}] /Length {}>>\nstream\n", index.trim_end(), table.len()).as_bytes(),
    );
    pdf.extend_from_slice(&table);
    pdf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{start}\n%%EOF\n").as_bytes());
    Ok(pdf)
}

/// The indirect references (`12 0 R`) that follow each `key` in `pdf`, once each.
fn references_after(pdf: &[u8], key: &[u8]) -> Vec<(u32, u16)> {
    let mut found = Vec::new();
    let mut rest = pdf;
    while let Some(at) = find(rest, key) {
        rest = &rest[at + key.len()..];
        let text = String::from_utf8_lossy(&rest[..rest.len().min(32)]).into_owned();
        let mut words = text.split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').filter(|w| !w.is_empty());
        if let (Some(id), Some(generation), Some("R")) = (words.next(), words.next(), words.next()) {
            if let (Ok(id), Ok(generation)) = (id.parse(), generation.parse()) {
                if !found.contains(&(id, generation)) {
                    found.push((id, generation));
                }
            }
        }
    }
    found
}

/// The number after the last `key` of `pdf`.
fn last_number_after(pdf: &[u8], key: &[u8]) -> Option<usize> {
    let at = rfind(pdf, key)? + key.len();
    let digits: String =
        pdf[at..].iter().map(|b| *b as char).skip_while(char::is_ascii_whitespace).take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The first dictionary of `pdf` (`<< … >>`, nested ones included), without its brackets.
fn first_dictionary(pdf: &[u8]) -> Option<&[u8]> {
    let start = find(pdf, b"<<")?;
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < pdf.len() {
        match &pdf[i..i + 2] {
            b"<<" => {
                depth += 1;
                i += 2;
            }
            b">>" => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(&pdf[start + 2..i - 2]);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The value of `key` in the dictionary `dict` (a reference, a number, or an array of strings),
/// as written.
fn dictionary_entry<'a>(dict: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut at = 0;
    let start = loop {
        let found = at + find(&dict[at..], key)?;
        let after = found + key.len();
        // `/Root`, not the start of a longer name.
        if dict.get(after).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            break after;
        }
        at = after;
    };
    let value = &dict[start..];
    let value = &value[value.iter().position(|b| !b.is_ascii_whitespace())?..];
    let end = match value.first()? {
        b'[' => value.iter().position(|b| *b == b']')? + 1,
        _ => value.iter().position(|b| *b == b'/' || *b == b'>').unwrap_or(value.len()),
    };
    Some(value[..end].trim_ascii())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A typical one-page document (a filing receipt with every kind of block and letters from many
/// alphabets), measured by the benchmark and the tests.
pub fn specimen() -> PdfDocument {
    let mut doc = PdfDocument::new("Ministère de l'Intérieur – Étrangers en France", "Confirmation de dépôt");
    doc.push(Block::Paragraph(
        "Votre demande a bien été enregistrée. Conservez ce document : il atteste du dépôt de votre demande.".into(),
    ))
    .push(Block::Heading("Votre dossier".into()))
    .push(Block::Fields(vec![
        ("Numéro de dossier".into(), "2026-075-000001".into()),
        ("Déposé le".into(), "22/11/2026 à 14:05".into()),
        ("Démarche".into(), "Renouvellement – Citoyen UE/EEE/Suisse salarié".into()),
        ("Demandeur".into(), "Łukasz WIŚNIEWSKI – Ștefan ĞÜNEŞ – Ørjan".into()),
        ("Adresse".into(), "12 rue de l'Église, 59000 Lille".into()),
        ("Préfecture".into(), "Préfecture du Nord".into()),
    ]))
    .push(Block::Heading("Pièces jointes".into()))
    .push(Block::Bullets(vec![
        "Passeport".into(),
        "Justificatif de domicile".into(),
        "Contrat de travail".into(),
        "Photographie d'identité".into(),
    ]))
    .push(Block::Space)
    .push(Block::Note("Ce document ne vaut pas autorisation de séjour.".into()));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_small_pdf_with_every_latin_letter() {
        let bytes = specimen().render().expect("render");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    }

    #[test]
    fn every_font_maps_its_glyphs_back_to_text() {
        let bytes = specimen().render().expect("render");
        let doc = lopdf::Document::load_mem(&bytes).expect("parse");
        let maps: Vec<String> = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok()?.get(b"ToUnicode").ok()?.as_reference().ok())
            .filter_map(|id| doc.get_object(id).ok()?.as_stream().ok().map(|s| String::from_utf8_lossy(&s.content).into_owned()))
            .collect();
        assert_eq!(maps.len(), 2, "regular and bold");
        for map in maps {
            // "é" (U+00E9) and "ô" (U+00F4) are drawn by the specimen, so both fonts map them.
            assert!(map.contains("<00E9>") && map.contains("<00F4>"), "{map}");
        }
    }

    /// The maps are an incremental update: a reader that follows the file's cross-reference
    /// sections (poppler's pdftotext, when the machine has it) reads the text back, accents and
    /// all alphabets included.
    #[test]
    fn a_reader_gets_the_text_back() {
        let bytes = specimen().render().expect("render");
        let tail = String::from_utf8_lossy(&bytes[bytes.len() - 400..]).into_owned();
        assert!(tail.contains("/Prev ") && tail.contains("/Root ") && tail.ends_with("%%EOF\n"), "{tail}");
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("specimen.pdf");
        std::fs::write(&file, &bytes).expect("write");
        let Ok(out) = std::process::Command::new("pdftotext").arg(&file).arg("-").output() else {
            eprintln!("pdftotext is not installed: the lopdf check above stands alone");
            return;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        for expected in ["Confirmation de dépôt", "Łukasz WIŚNIEWSKI", "Ștefan ĞÜNEŞ", "12 rue de l'Église"] {
            assert!(text.contains(expected), "{expected} in {text}");
        }
    }
}
