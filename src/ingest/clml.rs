//! The UK's Crown Legislation Markup Language (CLML), the XML legislation.gov.uk publishes every Act and
//! instrument in (`Legislation` in `http://www.legislation.gov.uk/namespaces/legislation`).
//!
//! A CLML file says outright what the printed Act only shows: the prelims (`PrimaryPrelims`: title,
//! citation `2018 anaw 1`, long title, date of enactment, enacting words), the provisions as a tree
//! (`Part`/`Chapter`/`Pblock` cross-headings, `P1group` whose `Title` is a section's heading, `P1` with its
//! `Pnumber`, `P2`, `P3`, ... for subsections and paragraphs, `Text` for the words), quoted text of an
//! amended Act (`BlockAmendment`), schedules, and the defined terms (`Term`). This reader lays that out as
//! the blocks a reader of the printed Act sees, so that the one structure builder reads it in the UK style:
//! `1 Overview` (a section's number and heading on one line), then `(1) This section ...`, `(a) ...`, each
//! number joined to the first words it opens; `PART I General Provisions ...` (a Part or Chapter number in
//! capitals, as the Queen's Printer sets it, though the file writes `Part I`); `SCHEDULE 1 ...`; quoted
//! text between quotation marks inside the provision that quotes it (`“121ZA ...` ... `...”.`, with the
//! `AppendText` after the closing mark). A file with no prelims (an extract of one section, as the
//! point-in-time downloads are) opens with its title and citation from `Metadata`.
//!
//! Not provision text, so not laid out: the `Commentaries` (the F-notes, C-notes and I-notes a revised
//! version prints beneath the text; `CommentaryRef` is only their anchor), footnotes, and `Versions` (an
//! alternative text of a provision for another extent, which legislation.gov.uk shows on its own page, not
//! in the Act).
//!
//! **Change marks.** A revised (point-in-time) version marks what later Acts did to the text:
//! `<Addition>` wraps words inserted, `<Substitution>` the words put in place of others, `<Repeal>` words
//! repealed (kept in the file, for instance where the repeal extends only to part of the UK). The text as
//! it stands at the version's date is the After side, so added and substituted words are [`Change::Added`]
//! and repealed words [`Change::Struck`] (legislation.gov.uk's own Akoma Ntoso output maps them to `<ins>`
//! and `<del>` the same way). What a substitution replaced is not in the file — only its commentary
//! describes it — so the Before side rebuilt from the marks lacks those words rather than inventing them:
//! it is the text without the later amendments, with a gap where a substitution stands. Terms the markup
//! names inside repealed words are not recorded, since the text as it stands does not define them.
//!
//! The tree is walked with an explicit stack of steps: the nesting is the input's to choose.

use super::BlockKind;
use super::xml::{self, Change, Layout, child, is, plain};
use crate::error::Result;
use roxmltree::Node;

/// CLML's namespace.
pub const NAMESPACE: &str = "http://www.legislation.gov.uk/namespaces/legislation";

/// One step of the walk.
enum Step<'a, 'i> {
    /// Lay out an element or text node (for an element: its children follow, then its `Leave`).
    Enter(Node<'a, 'i>),
    /// An element's content is done.
    Leave(Node<'a, 'i>),
    /// The words of an element that is part of a line already begun (a section's heading after its
    /// number, a Part's title): its children follow, then its `Leave`.
    Words(Node<'a, 'i>),
    /// A space between the parts of one line (a number and its heading).
    Space,
    /// Close the open block as this kind.
    Close(BlockKind),
}

/// The labeled levels below a section, with the layout depth of each (`P2` is a subsection, depth 0).
fn level_depth(name: &str) -> Option<u8> {
    Some(match name {
        "P2" => 0,
        "P3" => 1,
        "P4" => 2,
        "P5" => 3,
        "P6" => 4,
        "P7" => 5,
        _ => return None,
    })
}

/// Headings of groups of provisions, with the heading level each is laid out at.
fn heading_level(name: &str) -> Option<u8> {
    Some(match name {
        "Part" | "Schedules" | "Schedule" | "EUPart" | "EUTitle" => 2,
        "Chapter" | "EUChapter" | "EUSection" => 3,
        "Pblock" | "EUSubsection" => 4,
        "PsubBlock" => 5,
        _ => return None,
    })
}

/// Elements that are not provision text: notes, anchors of notes, alternative versions.
fn not_text(name: &str) -> bool {
    matches!(
        name,
        "Metadata"
            | "Commentaries"
            | "CommentaryRef"
            | "Footnotes"
            | "FootnoteRef"
            | "Versions"
            | "Resources"
            | "Contents"
            | "MarginNotes"
            | "MarginNoteRef"
    )
}

/// The layout as the walk goes.
struct Walk<'a, 'i> {
    out: Layout,
    /// A block is open (text has been written to it, or its labels have).
    open: bool,
    /// The open block's depth.
    indent: Option<u8>,
    /// What the next block opens with: numbers (`(1) `, `(a) `) and an opening quotation mark, each with
    /// the change it belongs to.
    owed: Vec<(Change, String)>,
    /// How many additions or substitutions, and how many repeals, the walk is inside.
    added: u32,
    struck: u32,
    /// How many elements whose text nodes are words (`Text`, a title) the walk is inside.
    inline: u32,
    /// Depths of the labeled levels the walk is inside.
    levels: Vec<u8>,
    /// A section heading (`P1group/Title`) waiting for its section's number.
    group_title: Option<Node<'a, 'i>>,
    /// For each open quotation (`BlockAmendment`): how long `owed` was before its opening mark, and
    /// whether anything inside it was laid out.
    quotes: Vec<(usize, bool)>,
}

impl<'a, 'i> Walk<'a, 'i> {
    fn new() -> Self {
        Walk {
            out: Layout::new(Some("uk")),
            open: false,
            indent: None,
            owed: Vec::new(),
            added: 0,
            struck: 0,
            inline: 0,
            levels: Vec::new(),
            group_title: None,
            quotes: Vec::new(),
        }
    }

    fn change(&self) -> Change {
        if self.struck > 0 {
            Change::Struck
        } else if self.added > 0 {
            Change::Added
        } else {
            Change::Same
        }
    }

    /// Close the open block, if any.
    fn close(&mut self, kind: BlockKind) {
        if std::mem::take(&mut self.open) {
            self.out.end(Change::Same, kind, self.indent);
        }
    }

    /// Start a new block at `indent`: the open one closes, and what is owed opens this one.
    fn begin(&mut self, indent: Option<u8>) {
        self.close(BlockKind::Paragraph);
        for (change, text) in std::mem::take(&mut self.owed) {
            self.out.text(change, &text);
        }
        for q in &mut self.quotes {
            q.1 = true;
        }
        self.open = true;
        self.indent = indent;
    }

    /// A number as printed (`(1A)`, `121ZA`) and the change it belongs to: a number inside an addition
    /// is added with the provision it opens.
    fn number(&self, p: Node<'_, '_>, parens: bool) -> Option<(Change, String)> {
        let n = child(p, "Pnumber")?;
        let text = plain(n);
        if text.is_empty() {
            return None;
        }
        let change = self.change_within(n);
        let (before, after) = if parens { ("(", ")") } else { ("", "") };
        let before = n.attribute("PuncBefore").unwrap_or(before);
        let after = n.attribute("PuncAfter").unwrap_or(after);
        Some((change, format!("{before}{text}{after}")))
    }

    /// Children of `n` that are laid out in the walk's order (all but those the caller read itself).
    fn push_children(stack: &mut Vec<Step<'a, 'i>>, n: Node<'a, 'i>, skip: &[&str]) {
        stack.push(Step::Leave(n));
        let kids: Vec<Node<'a, 'i>> = n
            .children()
            .filter(|c| !(c.is_element() && skip.contains(&c.tag_name().name())))
            .collect();
        stack.extend(kids.into_iter().rev().map(Step::Enter));
    }

    /// The change an element's words belong to: the walk's, or an addition or repeal inside it (a number
    /// inside an addition is added with the provision it opens).
    fn change_within(&self, n: Node<'_, '_>) -> Change {
        let mut change = self.change();
        if change == Change::Same {
            for d in n.descendants() {
                if is(d, "Repeal") {
                    return Change::Struck;
                }
                if is(d, "Addition") || is(d, "Substitution") {
                    change = Change::Added;
                }
            }
        }
        change
    }

    /// A heading line: the group's number, title and (for a schedule) the provision that introduces it.
    /// A Part's or Chapter's number is printed in capitals (`PART I`), as the printed Act sets it.
    fn heading(&mut self, stack: &mut Vec<Step<'a, 'i>>, n: Node<'a, 'i>, level: u8) {
        let number = child(n, "Number").map(|num| {
            let text = plain(num);
            let text = if matches!(n.tag_name().name(), "Part" | "Chapter") {
                text.to_uppercase()
            } else {
                text
            };
            (self.change_within(num), text)
        });
        let title = child(n, "Title").or_else(|| child(n, "TitleBlock").and_then(|t| child(t, "Title")));
        let parts: Vec<Node<'a, 'i>> = [title, child(n, "Reference")].into_iter().flatten().collect();
        Self::push_children(stack, n, &["Number", "Title", "TitleBlock", "Reference"]);
        let number = number.filter(|(_, t)| !t.is_empty());
        if number.is_none() && parts.is_empty() {
            return;
        }
        self.begin(None);
        let numbered = number.is_some();
        if let Some((change, text)) = number {
            self.out.text(change, &text);
        }
        stack.push(Step::Close(BlockKind::Heading(level)));
        for (i, p) in parts.into_iter().enumerate().rev() {
            stack.push(Step::Words(p));
            if i > 0 || numbered {
                stack.push(Step::Space);
            }
        }
    }

    fn enter(&mut self, stack: &mut Vec<Step<'a, 'i>>, n: Node<'a, 'i>) {
        if n.is_text() {
            let text = n.text().unwrap_or_default();
            if self.inline == 0 {
                // Words outside any element that holds words (stray text between provisions): a block of
                // their own, so nothing printed is lost.
                if text.trim().is_empty() {
                    return;
                }
                if !self.open {
                    let indent = self.levels.last().copied();
                    self.begin(indent);
                }
            }
            let change = self.change();
            self.out.text(change, text);
            return;
        }
        if !n.is_element() {
            return;
        }
        let name = n.tag_name().name();
        if not_text(name) || name == "Pnumber" {
            return;
        }
        if let Some(level) = heading_level(name) {
            self.heading(stack, n, level);
            return;
        }
        if let Some(depth) = level_depth(name) {
            if let Some(num) = self.number(n, true) {
                self.owed.push((num.0, format!("{} ", num.1)));
            }
            self.levels.push(depth);
            Self::push_children(stack, n, &["Pnumber"]);
            return;
        }
        match name {
            "PrimaryPrelims" | "SecondaryPrelims" => prelims(&mut self.out, n),
            "P1group" => {
                let title = child(n, "Title");
                Self::push_children(stack, n, &["Title"]);
                if n.children().any(|c| is(c, "P1")) {
                    self.group_title = title;
                } else if let Some(t) = title {
                    // A group of provisions that are not sections: its title is a heading of its own.
                    self.begin(None);
                    stack.push(Step::Close(BlockKind::Heading(4)));
                    stack.push(Step::Words(t));
                }
            }
            "P1" => {
                let num = self.number(n, false);
                Self::push_children(stack, n, &["Pnumber"]);
                match (self.group_title.take(), num) {
                    // `1 Overview`: the section's number and heading on a line of their own.
                    (Some(title), Some((change, num))) => {
                        self.begin(None);
                        self.out.text(change, &num);
                        stack.push(Step::Close(BlockKind::Paragraph));
                        stack.push(Step::Words(title));
                        stack.push(Step::Space);
                    }
                    (Some(title), None) => {
                        self.begin(None);
                        stack.push(Step::Close(BlockKind::Heading(4)));
                        stack.push(Step::Words(title));
                    }
                    // A section without a heading, or a schedule's paragraph: the number opens its first
                    // words (`3 (1) In section 107 ...`).
                    (None, Some((change, num))) => self.owed.push((change, format!("{num} "))),
                    (None, None) => {}
                }
            }
            "Text" | "Para" | "td" | "th" | "Title" | "Number" | "Reference" | "Subtitle" => {
                let indent = self.levels.last().copied();
                self.begin(indent);
                self.inline += 1;
                Self::push_children(stack, n, &[]);
            }
            "AppendText" => {
                // Words after a quotation's closing mark (`”.`): on the quotation's last line.
                if !self.open {
                    let indent = self.levels.last().copied();
                    self.begin(indent);
                }
                self.inline += 1;
                Self::push_children(stack, n, &[]);
            }
            "BlockAmendment" | "BlockExtract" => {
                self.quotes.push((self.owed.len(), false));
                self.owed.push((self.change(), "“".into()));
                Self::push_children(stack, n, &[]);
            }
            "Addition" | "Substitution" => {
                self.added += 1;
                Self::push_children(stack, n, &[]);
            }
            "Repeal" => {
                self.struck += 1;
                Self::push_children(stack, n, &[]);
            }
            "Term" => {
                if self.struck == 0 {
                    self.out.term(&plain(n));
                }
                Self::push_children(stack, n, &[]);
            }
            "Character" => {
                // Spacing and symbols written as markup (`<Character Name="EmSpace"/>`).
                let change = self.change();
                self.out.text(change, " ");
            }
            _ => Self::push_children(stack, n, &[]),
        }
    }

    fn leave(&mut self, n: Node<'a, 'i>) {
        let name = n.tag_name().name();
        if level_depth(name).is_some() {
            self.levels.pop();
            return;
        }
        match name {
            "Text" | "Para" | "td" | "th" | "AppendText" | "Title" | "Number" | "Reference" | "Subtitle" => {
                self.inline = self.inline.saturating_sub(1);
            }
            "BlockAmendment" | "BlockExtract" => match self.quotes.pop() {
                Some((_, true)) if self.open => {
                    let change = self.change();
                    self.out.text(change, "”");
                }
                // Nothing was quoted: the opening mark is not owed any more.
                Some((at, false)) => self.owed.truncate(at),
                _ => {}
            },
            "Addition" | "Substitution" => self.added = self.added.saturating_sub(1),
            "Repeal" => self.struck = self.struck.saturating_sub(1),
            _ => {}
        }
    }
}

/// The prelims as printed: title, citation, long title, date of enactment, enacting words, one line each.
fn prelims(out: &mut Layout, n: Node<'_, '_>) {
    const LINES: [&str; 7] = [
        "Title",
        "Number",
        "LongTitle",
        "DateText",
        "Text",
        "SubjectInformation",
        "Subject",
    ];
    let mut stack = vec![n];
    while let Some(e) = stack.pop() {
        if LINES.contains(&e.tag_name().name()) && e != n {
            let text = plain(e);
            if !text.is_empty() {
                out.para(&text);
            }
            continue;
        }
        let kids: Vec<_> = e.children().filter(|c| c.is_element()).collect();
        stack.extend(kids.into_iter().rev());
    }
}

/// The header of a file without prelims (an extract of one section): the Act's title and citation from
/// its metadata (`Transport Act 1985`, `1985 c. 67`).
fn metadata_header(out: &mut Layout, root: Node<'_, '_>) {
    let Some(meta) = child(root, "Metadata") else { return };
    if let Some(t) = child(meta, "title").map(plain).filter(|t| !t.is_empty()) {
        out.para(&t);
    }
    let primary = child(meta, "PrimaryMetadata");
    let value = |name: &str| primary.and_then(|p| p.descendants().find(|d| is(*d, name)));
    let kind = value("DocumentMainType").and_then(|d| d.attribute("Value"));
    // The letters a citation puts between year and number, by the kind of Act.
    let letters = match kind {
        Some("UnitedKingdomPublicGeneralAct") => Some("c."),
        Some("WelshNationalAssemblyAct") => Some("anaw"),
        Some("WelshParliamentAct") => Some("asc"),
        Some("ScottishAct") => Some("asp"),
        _ => None,
    };
    let year = value("Year").and_then(|d| d.attribute("Value"));
    let number = value("Number").and_then(|d| d.attribute("Value"));
    if let (Some(letters), Some(year), Some(number)) = (letters, year, number) {
        out.para(&format!("{year} {letters} {number}"));
    }
}

/// Lay a CLML document out, with its change marks and the terms its markup defines.
pub(super) fn layout(source_name: &str, text: &str) -> Result<Layout> {
    let doc = xml::parse(source_name, text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "Legislation" || root.tag_name().namespace() != Some(NAMESPACE) {
        return Err(xml::unknown_root(source_name, root));
    }
    let mut walk = Walk::new();
    let legislation = root
        .children()
        .find(|c| is(*c, "Primary") || is(*c, "Secondary") || is(*c, "EURetained"));
    let has_prelims = legislation.is_some_and(|l| l.children().any(|c| c.tag_name().name().ends_with("Prelims")));
    if !has_prelims {
        metadata_header(&mut walk.out, root);
    }
    let Some(legislation) = legislation else {
        return Ok(walk.out);
    };
    let mut stack: Vec<Step<'_, '_>> = legislation.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(n) => {
                if is(n, "Body") {
                    walk.out.body_starts();
                }
                walk.enter(&mut stack, n);
            }
            Step::Words(n) => {
                walk.inline += 1;
                Walk::push_children(&mut stack, n, &[]);
            }
            Step::Leave(n) => walk.leave(n),
            Step::Space => {
                let change = walk.change();
                walk.out.text(change, " ");
            }
            Step::Close(kind) => walk.close(kind),
        }
    }
    walk.close(BlockKind::Paragraph);
    Ok(walk.out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, XmlProblem};
    use crate::ingest::{Block, Side};
    use crate::model::InputFormat;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Legislation xmlns="{NAMESPACE}" xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata" xmlns:dc="http://purl.org/dc/elements/1.1/"><ukm:Metadata><dc:title>Example Act 2020</dc:title><ukm:PrimaryMetadata><ukm:DocumentClassification><ukm:DocumentMainType Value="UnitedKingdomPublicGeneralAct"/></ukm:DocumentClassification><ukm:Year Value="2020"/><ukm:Number Value="7"/></ukm:PrimaryMetadata></ukm:Metadata><Primary>{body}</Primary><Commentaries><Commentary id="c1" Type="F"><Para><Text>Words inserted by the Other Act 2021.</Text></Para></Commentary></Commentaries></Legislation>"#
        )
    }

    fn read(xml: &str) -> crate::ingest::Document {
        layout("t.xml", xml).unwrap().into_document("t.xml", InputFormat::Clml)
    }

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    const PRELIMS: &str = r#"<PrimaryPrelims><Title>Example Act 2020</Title><Number>2020 c. 7</Number><LongTitle>An Act to give an example.</LongTitle><DateOfEnactment><DateText>[1 January 2020]</DateText></DateOfEnactment><PrimaryPreamble><IntroductoryText><P><Text><Strong>Be it enacted</Strong> as follows:</Text></P></IntroductoryText></PrimaryPreamble></PrimaryPrelims>"#;

    #[test]
    fn an_act_reads_as_printed() {
        let body = r#"<Body><Part><Number>Part I</Number><Title>General</Title><P1group><Title>Overview</Title><P1><Pnumber PuncAfter="">1</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>In this Act “<Term>rule</Term>” means—</Text><P3><Pnumber>a</Pnumber><P3para><Text>a rule; or</Text></P3para></P3><P3><Pnumber>b</Pnumber><P3para><P4><Pnumber>i</Pnumber><P4para><Text>a law.</Text></P4para></P4></P3para></P3></P2para></P2></P1para></P1></P1group><P1><Pnumber>2</Pnumber><P1para><Text>This Act is an example.</Text></P1para></P1></Part></Body>"#;
        let d = read(&doc(&format!("{PRELIMS}{body}")));
        assert_eq!(
            texts(&d.blocks),
            [
                "Example Act 2020",
                "2020 c. 7",
                "An Act to give an example.",
                "[1 January 2020]",
                "Be it enacted as follows:",
                "PART I General",
                "1 Overview",
                "(1) In this Act “rule” means—",
                "(a) a rule; or",
                "(b) (i) a law.",
                "2 This Act is an example.",
            ]
        );
        assert_eq!(d.style.as_deref(), Some("uk"));
        assert_eq!(d.terms, Some(vec!["rule".to_string()]));
        assert!(d.marks.is_none(), "an enacted text carries no change marks");
        // The layout depth of each labeled level is its place in the ladder.
        let indents: Vec<_> = d.blocks[7..10].iter().map(|b| b.indent).collect();
        assert_eq!(indents, [Some(0), Some(1), Some(2)]);
        // Nothing of the commentaries or the metadata title is provision text.
        assert!(!d.blocks.iter().any(|b| b.text.contains("Other Act")));
    }

    #[test]
    fn quoted_text_is_printed_in_quotation_marks_inside_its_provision() {
        let body = r#"<Body><P1group><Title>Amendment</Title><P1><Pnumber>3</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>After section 5 insert—</Text><BlockAmendment><P1group><Title>New rule</Title><P1><Pnumber>5A</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>One.</Text></P2para></P2><P2><Pnumber>2</Pnumber><P2para><Text>Two.</Text></P2para></P2></P1para></P1></P1group></BlockAmendment><AppendText>.</AppendText></P2para></P2><P2><Pnumber>2</Pnumber><P2para><Text>For “old” substitute <InlineAmendment>“new”</InlineAmendment>.</Text><BlockAmendment/></P2para></P2></P1para></P1></P1group></Body>"#;
        let d = read(&doc(body));
        assert_eq!(
            texts(&d.blocks),
            [
                "Example Act 2020",
                "2020 c. 7",
                "3 Amendment",
                "(1) After section 5 insert—",
                "“5A New rule",
                "(1) One.",
                "(2) Two.”.",
                "(2) For “old” substitute “new”.",
            ]
        );
    }

    #[test]
    fn a_schedule_heading_and_its_paragraphs() {
        let body = r#"<Body/><Schedules><Schedule><Number>SCHEDULE 1</Number><TitleBlock><Title>REPEALS</Title></TitleBlock><Reference>(introduced by section 6)</Reference><ScheduleBody><Pblock><Title><Emphasis>Finance Act 1981</Emphasis></Title><P1><Pnumber>1</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>Omit section 107.</Text></P2para></P2></P1para></P1></Pblock></ScheduleBody></Schedule></Schedules>"#;
        let d = read(&doc(body));
        assert_eq!(
            texts(&d.blocks)[2..],
            [
                "SCHEDULE 1 REPEALS (introduced by section 6)",
                "Finance Act 1981",
                "1 (1) Omit section 107."
            ]
        );
        assert_eq!(d.blocks[2].kind, BlockKind::Heading(2));
    }

    #[test]
    fn later_amendments_are_marks_the_before_text_lacks() {
        let body = r#"<Body><P1group><Title>Rule</Title><P1><Pnumber><CommentaryRef Ref="c1"/>6</Pnumber><P1para><P2><Pnumber>1</Pnumber><P2para><Text>A service <Addition ChangeId="a" CommentaryRef="c1">which is local </Addition>is a <Substitution ChangeId="b">bus</Substitution> service<Repeal ChangeId="r"> or a train</Repeal>.</Text></P2para></P2><P2><Pnumber><Addition ChangeId="a">1A</Addition></Pnumber><P2para><Text><Addition ChangeId="a">A new <Term>rule</Term>.</Addition></Text></P2para></P2><P2><Pnumber>2</Pnumber><P2para><Text>Old<Repeal ChangeId="r"> “<Term>gone</Term>” means gone</Repeal>.</Text></P2para></P2></P1para></P1></P1group></Body>"#;
        let d = read(&doc(body));
        assert_eq!(
            texts(&d.blocks)[2..],
            [
                "6 Rule",
                "(1) A service which is local is a bus service.",
                "(1A) A new rule.",
                "(2) Old."
            ]
        );
        let marks = d.marks.as_ref().expect("marked");
        assert_eq!(
            texts(&marks.blocks(Side::Before))[2..],
            [
                "6 Rule",
                "(1) A service is a service or a train.",
                "(2) Old “gone” means gone."
            ]
        );
        // A term defined only in repealed words is not one the text as it stands defines.
        assert_eq!(d.terms, Some(vec!["rule".to_string()]));
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let mut body = String::from("<Body><P1><Pnumber>1</Pnumber><P1para>");
        for _ in 0..20_000 {
            body.push_str("<Addition>");
        }
        body.push_str("<Text>Deep.</Text>");
        for _ in 0..20_000 {
            body.push_str("</Addition>");
        }
        body.push_str("</P1para></P1></Body>");
        let d = layout("deep.xml", &doc(&body))
            .unwrap()
            .into_document("deep.xml", InputFormat::Clml);
        assert_eq!(d.blocks.last().map(|b| b.text.as_str()), Some("1 Deep."));
    }

    #[test]
    fn a_bad_file_is_one_xml_error() {
        let whole = doc(r#"<Body><P1><Pnumber>1</Pnumber><P1para><Text>Whole.</Text></P1para></P1></Body>"#);
        let cut = &whole[..whole.len() / 2];
        let e = layout("cut.xml", cut).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Xml {
                    problem: XmlProblem::Malformed { .. },
                    ..
                }
            ),
            "{e:?}"
        );
        let e = layout(
            "other.xml",
            r#"<?xml version="1.0"?><Legislation><Body/></Legislation>"#,
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::Xml {
                    problem: XmlProblem::UnknownRoot { .. },
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
