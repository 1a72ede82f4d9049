//! The official 附件2 sheet as typed data.
//!
//! The sheet lives in `rubric/shenmu-2024.json`, compiled in. Code knows the rule *kinds*
//! ([`Rule`], [`Term`]); the 21 items, their texts, maxima, points and named lists are data.
//! A new year's sheet is a new data file and a test, not new code paths.

use crate::json::{parse, Node, ShapeError};
use rust_decimal::Decimal;

/// The 2024 sheet of 神政办发〔2024〕45号, texts verbatim.
const SHENMU_2024: &str = include_str!("rubric/shenmu-2024.json");

/// The whole scoring sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    /// Stable id, e.g. `shenmu-2024`; a submission file names it.
    pub id: String,
    /// Version of the data, bumped when a text or rule changes.
    pub version: String,
    /// The sheet's title.
    pub title: String,
    /// Where the sheet comes from.
    pub source: String,
    /// The 一级指标 in the sheet's order.
    pub sections: Vec<Section>,
    /// The 一票否决 items.
    pub veto: Veto,
    /// Star levels, highest first.
    pub levels: Vec<LevelThreshold>,
}

/// One 一级指标 with its items.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Short id, e.g. `site`.
    pub id: String,
    /// The 一级指标 name, e.g. 场地建设.
    pub name: String,
    /// The section's 分值.
    pub max: Decimal,
    /// The items in the sheet's order.
    pub items: Vec<Item>,
}

/// One scored line of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Stable id from `rubric.md`, e.g. `site.signage`.
    pub id: String,
    /// Short name shown to the clerk (the 二级指标, or a name for a merged row).
    pub name: String,
    /// The 二级指标 cell exactly as the sheet has it (merged rows repeat it).
    pub indicator: String,
    /// The item's 分值.
    pub max: Decimal,
    /// 评分要求, verbatim.
    pub requirement: String,
    /// 评分细则, verbatim.
    pub criteria: String,
    /// How the score is computed.
    pub rule: Rule,
}

/// A rule kind with its parameters. In the data, `{"<kind>": {parameters}}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Full marks minus the terms, floored at 0.
    Deduct {
        /// The deductions.
        terms: Vec<Term>,
    },
    /// `points` per ticked name (plus names the clerk adds), capped at `cap`.
    Add {
        /// What the ticked names are, e.g. 已进驻的事项.
        label: String,
        /// The named things of the sheet.
        names: Vec<String>,
        /// Whether the sheet says 等, so the clerk may add other names.
        others: bool,
        /// Points per thing.
        points: Decimal,
        /// The 上限.
        cap: Decimal,
    },
    /// Full marks when the condition holds, else 0.
    Award {
        /// Input id of the yes/no answer.
        id: String,
        /// The condition, as a yes/no question.
        label: String,
    },
    /// A score chosen by the clerk in `[0, max]`, in multiples of `step`, with a reason below max.
    Discretionary {
        /// The smallest step (0.1).
        step: Decimal,
        /// A written reason is required for a score below full marks (规范流程; 创新做法 is
        /// backed by its honours instead).
        reason_below_max: bool,
        /// Kinds of honour that back the score (创新做法); empty where none are asked for.
        honours: Vec<String>,
    },
    /// The satisfaction-rate rule: whole steps of the drop below 100 %, plus per-time deductions.
    Survey {
        /// Size of one step of the drop, in percent (0.1).
        step_percent: Decimal,
        /// Points per step (0.1).
        step_points: Decimal,
        /// Points per 未按要求整改.
        rectify_points: Decimal,
    },
}

/// One deduction of a [`Rule::Deduct`] item; in the data `{"<kind>": {parameters}}` like [`Rule`].
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A single deficiency, yes or no.
    Flag {
        /// Input id.
        id: String,
        /// The deficiency, e.g. 未设置服务站（中心）标识.
        label: String,
        /// Points deducted when it holds.
        points: Decimal,
    },
    /// A number of deficiencies.
    Count {
        /// Input id.
        id: String,
        /// What is counted.
        label: String,
        /// Unit word, e.g. 项 or 次.
        unit: String,
        /// Points per unit (0 for a count that is only recorded and bounds another).
        points: Decimal,
        /// The largest count allowed.
        bound: Bound,
    },
    /// Named things the sheet requires: points for each one not ticked as present.
    Missing {
        /// What the ticked names are, e.g. 已设置的功能区.
        label: String,
        /// The named things.
        names: Vec<String>,
        /// Points per missing thing.
        points: Decimal,
    },
    /// A deduction in points chosen by the clerk, with a reason when not 0.
    Points {
        /// Input id.
        id: String,
        /// What the deduction is for.
        label: String,
        /// The largest deduction.
        max: Decimal,
        /// The smallest step.
        step: Decimal,
    },
}

/// The largest value a [`Term::Count`] may take: `{"fixed": n}`, `"present"` or `{"count": id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bound {
    /// A fixed sane limit for open-ended counts.
    Fixed(u32),
    /// The number of names ticked as present in the item's [`Term::Missing`] list.
    Present,
    /// The value of another count of the same item.
    Count(String),
}

/// The 一票否决 part of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Veto {
    /// What a veto does, verbatim.
    pub consequence: String,
    /// The veto questions.
    pub items: Vec<VetoItem>,
}

/// One 一票否决 question.
#[derive(Debug, Clone, PartialEq)]
pub struct VetoItem {
    /// Stable id, e.g. `veto.incident`.
    pub id: String,
    /// Short name, e.g. 影响恶劣.
    pub name: String,
    /// The condition, verbatim.
    pub text: String,
}

/// The lowest total of one star level.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelThreshold {
    /// Stable id, e.g. `five`.
    pub id: String,
    /// Name, e.g. 五星.
    pub name: String,
    /// Lowest total, inclusive.
    pub min: Decimal,
}

/// Why a sheet could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RubricError {
    /// The data is not valid JSON of the sheet's shape.
    Parse(String),
}

impl std::fmt::Display for RubricError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RubricError::Parse(why) => write!(f, "评分表数据无法读取：{why}"),
        }
    }
}

impl std::error::Error for RubricError {}

impl Rubric {
    /// Reads a sheet from its JSON data.
    ///
    /// # Errors
    /// [`RubricError::Parse`] when the data is not a sheet.
    pub fn from_json(data: &str) -> Result<Rubric, RubricError> {
        let node = parse(data).map_err(|e| RubricError::Parse(e.to_string()))?;
        Rubric::from_node(&node).map_err(|e| RubricError::Parse(e.to_string()))
    }

    /// The compiled-in 2024 sheet. Its data is checked by the tests, so loading cannot fail
    /// at run time in a build that passed them.
    pub fn shenmu_2024() -> &'static Rubric {
        static SHEET: std::sync::OnceLock<Rubric> = std::sync::OnceLock::new();
        SHEET.get_or_init(|| match Rubric::from_json(SHENMU_2024) {
            Ok(rubric) => rubric,
            // The data is compiled in and pinned by `it_loads_the_compiled_sheet`.
            Err(e) => unreachable!("{e}"),
        })
    }

    /// All items in the sheet's order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The sum of all sections' maxima (100).
    pub fn max_total(&self) -> Decimal {
        self.sections.iter().map(|s| s.max).sum()
    }
}

// Reading the data. Every object refuses fields it does not know, as the format says.

fn strings(node: &Node) -> Result<Vec<String>, ShapeError> {
    node.list(Node::string)
}

impl Rubric {
    fn from_node(node: &Node) -> Result<Rubric, ShapeError> {
        node.object(|f| {
            Ok(Rubric {
                id: f.required("id")?.string()?,
                version: f.required("version")?.string()?,
                title: f.required("title")?.string()?,
                source: f.required("source")?.string()?,
                sections: f.required("sections")?.list(Section::from_node)?,
                veto: Veto::from_node(f.required("veto")?)?,
                levels: f.required("levels")?.list(LevelThreshold::from_node)?,
            })
        })
    }
}

impl Section {
    fn from_node(node: &Node) -> Result<Section, ShapeError> {
        node.object(|f| {
            Ok(Section {
                id: f.required("id")?.string()?,
                name: f.required("name")?.string()?,
                max: f.required("max")?.decimal()?,
                items: f.required("items")?.list(Item::from_node)?,
            })
        })
    }
}

impl Item {
    fn from_node(node: &Node) -> Result<Item, ShapeError> {
        node.object(|f| {
            Ok(Item {
                id: f.required("id")?.string()?,
                name: f.required("name")?.string()?,
                indicator: f.required("indicator")?.string()?,
                max: f.required("max")?.decimal()?,
                requirement: f.required("requirement")?.string()?,
                criteria: f.required("criteria")?.string()?,
                rule: Rule::from_node(f.required("rule")?)?,
            })
        })
    }
}

/// The one member of `{"<kind>": {parameters}}`: the kind and the parameters' fields.
fn tagged(node: &Node) -> Result<(&str, &Node), ShapeError> {
    match node.members()? {
        [(kind, parameters)] => Ok((kind, parameters)),
        _ => Err(ShapeError::Variant("（应恰有一种规则）".into())),
    }
}

impl Rule {
    fn from_node(node: &Node) -> Result<Rule, ShapeError> {
        let (kind, parameters) = tagged(node)?;
        parameters.object(|f| {
            Ok(match kind {
                "deduct" => Rule::Deduct { terms: f.required("terms")?.list(Term::from_node)? },
                "add" => Rule::Add {
                    label: f.required("label")?.string()?,
                    names: strings(f.required("names")?)?,
                    others: f.required("others")?.bool()?,
                    points: f.required("points")?.decimal()?,
                    cap: f.required("cap")?.decimal()?,
                },
                "award" => Rule::Award { id: f.required("id")?.string()?, label: f.required("label")?.string()? },
                "discretionary" => Rule::Discretionary {
                    step: f.required("step")?.decimal()?,
                    reason_below_max: f.required("reason_below_max")?.bool()?,
                    honours: strings(f.required("honours")?)?,
                },
                "survey" => Rule::Survey {
                    step_percent: f.required("step_percent")?.decimal()?,
                    step_points: f.required("step_points")?.decimal()?,
                    rectify_points: f.required("rectify_points")?.decimal()?,
                },
                other => return Err(ShapeError::Variant(other.to_string())),
            })
        })
    }
}

impl Term {
    fn from_node(node: &Node) -> Result<Term, ShapeError> {
        let (kind, parameters) = tagged(node)?;
        parameters.object(|f| {
            Ok(match kind {
                "flag" => Term::Flag {
                    id: f.required("id")?.string()?,
                    label: f.required("label")?.string()?,
                    points: f.required("points")?.decimal()?,
                },
                "count" => Term::Count {
                    id: f.required("id")?.string()?,
                    label: f.required("label")?.string()?,
                    unit: f.required("unit")?.string()?,
                    points: f.required("points")?.decimal()?,
                    bound: Bound::from_node(f.required("bound")?)?,
                },
                "missing" => Term::Missing {
                    label: f.required("label")?.string()?,
                    names: strings(f.required("names")?)?,
                    points: f.required("points")?.decimal()?,
                },
                "points" => Term::Points {
                    id: f.required("id")?.string()?,
                    label: f.required("label")?.string()?,
                    max: f.required("max")?.decimal()?,
                    step: f.required("step")?.decimal()?,
                },
                other => return Err(ShapeError::Variant(other.to_string())),
            })
        })
    }
}

impl Bound {
    fn from_node(node: &Node) -> Result<Bound, ShapeError> {
        if node.str().ok() == Some("present") {
            return Ok(Bound::Present);
        }
        match tagged(node)? {
            ("fixed", n) => Ok(Bound::Fixed(n.int()?)),
            ("count", id) => Ok(Bound::Count(id.string()?)),
            (other, _) => Err(ShapeError::Variant(other.to_string())),
        }
    }
}

impl Veto {
    fn from_node(node: &Node) -> Result<Veto, ShapeError> {
        node.object(|f| {
            Ok(Veto {
                consequence: f.required("consequence")?.string()?,
                items: f.required("items")?.list(|n| {
                    n.object(|f| {
                        Ok(VetoItem {
                            id: f.required("id")?.string()?,
                            name: f.required("name")?.string()?,
                            text: f.required("text")?.string()?,
                        })
                    })
                })?,
            })
        })
    }
}

impl LevelThreshold {
    fn from_node(node: &Node) -> Result<LevelThreshold, ShapeError> {
        node.object(|f| {
            Ok(LevelThreshold {
                id: f.required("id")?.string()?,
                name: f.required("name")?.string()?,
                min: f.required("min")?.decimal()?,
            })
        })
    }
}

impl Item {
    /// The named list of this item (the [`Term::Missing`] names or the [`Rule::Add`] names).
    pub fn names(&self) -> &[String] {
        match &self.rule {
            Rule::Add { names, .. } => names,
            Rule::Deduct { terms } => terms
                .iter()
                .find_map(|t| match t {
                    Term::Missing { names, .. } => Some(names.as_slice()),
                    _ => None,
                })
                .unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether the clerk may add unnamed things (the sheet says 等 in an additive item).
    pub fn allows_others(&self) -> bool {
        matches!(self.rule, Rule::Add { others: true, .. })
    }
}

impl Term {
    /// The input id of this term (`None` for the item's named list).
    pub fn id(&self) -> Option<&str> {
        match self {
            Term::Flag { id, .. } | Term::Count { id, .. } | Term::Points { id, .. } => Some(id),
            Term::Missing { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use std::collections::BTreeSet;

    const SOURCE: &str = include_str!("../docs/source/shenmu-star-service-plan-2024.txt");

    fn squash(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn it_loads_the_compiled_sheet() {
        let r = Rubric::from_json(SHENMU_2024).expect("the compiled sheet parses");
        assert_eq!(r.id, "shenmu-2024");
        assert_eq!(r.sections.len(), 5);
        assert_eq!(r.items().count(), 21);
        assert_eq!(r.veto.items.len(), 2);
    }

    #[test]
    fn it_has_unique_ids() {
        let r = Rubric::shenmu_2024();
        let mut ids = BTreeSet::new();
        for s in &r.sections {
            assert!(ids.insert(s.id.clone()), "duplicate {}", s.id);
        }
        for i in r.items() {
            assert!(ids.insert(i.id.clone()), "duplicate {}", i.id);
            let mut inputs = BTreeSet::new();
            if let Rule::Deduct { terms } = &i.rule {
                for t in terms {
                    if let Some(id) = t.id() {
                        assert!(inputs.insert(id.to_string()), "{}: duplicate input {id}", i.id);
                    }
                }
                let lists = terms.iter().filter(|t| matches!(t, Term::Missing { .. })).count();
                assert!(lists <= 1, "{}: at most one named list", i.id);
            }
        }
        for v in &r.veto.items {
            assert!(ids.insert(v.id.clone()), "duplicate {}", v.id);
        }
    }

    #[test]
    fn its_maxima_add_up() {
        let r = Rubric::shenmu_2024();
        let want = [
            ("site", dec!(20)),
            ("items", dec!(25)),
            ("process", dec!(10)),
            ("management", dec!(20)),
            ("satisfaction", dec!(25)),
        ];
        for (s, (id, max)) in r.sections.iter().zip(want) {
            assert_eq!((s.id.as_str(), s.max), (id, max));
            assert_eq!(s.items.iter().map(|i| i.max).sum::<Decimal>(), s.max, "{}", s.id);
        }
        assert_eq!(r.max_total(), dec!(100));
    }

    #[test]
    fn its_levels_are_the_documents() {
        let r = Rubric::shenmu_2024();
        let got: Vec<_> = r.levels.iter().map(|l| (l.name.as_str(), l.min)).collect();
        assert_eq!(got, [("五星", dec!(95)), ("四星", dec!(85)), ("三星", dec!(75))]);
    }

    #[test]
    fn its_lists_and_parameters_are_sane() {
        for i in Rubric::shenmu_2024().items() {
            match &i.rule {
                Rule::Deduct { terms } => {
                    assert!(!terms.is_empty(), "{}", i.id);
                    for t in terms {
                        match t {
                            Term::Missing { names, points, .. } => {
                                assert!(!names.is_empty(), "{}", i.id);
                                assert!(*points > Decimal::ZERO);
                            }
                            Term::Count { bound: Bound::Present, .. } => {
                                assert!(!i.names().is_empty(), "{}: bound by an empty list", i.id)
                            }
                            Term::Count { bound: Bound::Count(other), .. } => assert!(
                                terms.iter().any(|t| t.id() == Some(other.as_str())),
                                "{}: bound by unknown {other}",
                                i.id
                            ),
                            Term::Flag { points, .. } => assert!(*points > Decimal::ZERO),
                            Term::Points { max, .. } => assert!(*max <= i.max),
                            Term::Count { .. } => {}
                        }
                    }
                }
                Rule::Add { names, cap, .. } => {
                    assert!(!names.is_empty(), "{}", i.id);
                    assert_eq!(*cap, i.max, "{}", i.id);
                }
                Rule::Award { .. } | Rule::Discretionary { .. } | Rule::Survey { .. } => {}
            }
        }
    }

    #[test]
    fn its_texts_are_verbatim_from_the_source() {
        let source = squash(SOURCE);
        let r = Rubric::shenmu_2024();
        for i in r.items() {
            for text in [&i.requirement, &i.criteria, &i.indicator] {
                assert!(source.contains(&squash(text)), "{}: not in the source: {text}", i.id);
            }
        }
        for s in &r.sections {
            assert!(source.contains(&squash(&format!("{}({}分)", s.name, s.max))), "{}", s.id);
        }
        for v in &r.veto.items {
            assert!(source.contains(&squash(&v.text)), "{}", v.id);
            assert!(source.contains(&squash(&v.name)), "{}", v.id);
        }
        assert!(source.contains(&squash(&r.veto.consequence)));
        assert!(source.contains(&squash(&r.title)));
        // Every named list entry is named in its item's texts, but for 水电气 which the sheet
        // names in one word and the product lists as 供水/供电/供气.
        for i in r.items().filter(|i| i.id != "items.utilities") {
            let texts = squash(&format!("{}{}", i.requirement, i.criteria));
            for n in i.names() {
                assert!(texts.contains(n.as_str()), "{}: {n} not in its texts", i.id);
            }
        }
    }
}
