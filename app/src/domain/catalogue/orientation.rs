//! The orientation page (SPEC §3): the renewal of the current title when its procedure is open,
//! the list of other titles (open ones lead to a procedure, the others are shown greyed out),
//! and who may ask for a student title online.

use serde::{Deserialize, Serialize};

use super::model::{Procedure, Text};
use super::PROCEDURES;
use crate::domain::lifecycle::UnknownCode;

/// How the applicant comes to a procedure: the serde form and [`RequestKind::as_str`] are the
/// code stored in `applications.request_kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A first title (no title held, or a visa).
    Premiere,
    /// The renewal of the title held.
    Renouvellement,
    /// Another title than the one held (change of status).
    Changement,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [RequestKind::Premiere, RequestKind::Renouvellement, RequestKind::Changement];

    pub const fn as_str(self) -> &'static str {
        match self {
            RequestKind::Premiere => "premiere",
            RequestKind::Renouvellement => "renouvellement",
            RequestKind::Changement => "changement",
        }
    }

    /// A title held makes any other title a change of status; without one it is a first title.
    pub fn for_other_title(holds_title: bool) -> Self {
        if holds_title {
            RequestKind::Changement
        } else {
            RequestKind::Premiere
        }
    }
}

impl std::str::FromStr for RequestKind {
    type Err = UnknownCode;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        RequestKind::ALL.into_iter().find(|kind| kind.as_str() == code).ok_or_else(|| UnknownCode(code.to_owned()))
    }
}

/// The document the applicant holds today, as the registers know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeldDocument<'a> {
    /// A residence title of this category (codes of docs/contracts.md).
    Title {
        category: &'a str,
    },
    /// A visa: `doc_type` is `vls_ts`, `vls_t`, `vls` or `vcs`.
    Visa {
        doc_type: &'a str,
        category: &'a str,
    },
    None,
}

/// One entry of "Je sollicite un autre titre de séjour" (or a talent sub-mention). Whether it
/// is open, and to whom, is the catalogue's: see [`OtherTitle::procedure`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherTitle {
    pub code: &'static str,
    pub label: Text,
}

impl OtherTitle {
    /// The catalogue's procedure this entry leads to; `None`: not open online (greyed out).
    pub fn procedure(&self) -> Option<&'static Procedure> {
        PROCEDURES.iter().copied().find(|p| p.opened_by.contains(&self.code))
    }
}

const fn entry(code: &'static str, fr: &'static str, en: &'static str) -> OtherTitle {
    OtherTitle { code, label: Text::new(fr, en) }
}

pub const OTHER_TITLES: &[OtherTitle] = &[
    entry("etudiant", "En tant qu'étudiant", "As a student"),
    entry("visiteur", "En tant que visiteur", "As a visitor"),
    entry("passeport_talent_salarie_qualifie", "Passeport talent – salarié qualifié", "Talent passport – qualified employee"),
    entry(
        "passeport_talent_chercheur",
        "Passeport talent – chercheur / chercheur en mobilité",
        "Talent passport – researcher / mobile researcher",
    ),
    entry(
        "passeport_talent_investisseur",
        "Passeport talent – investisseur ou porteur d'un projet économique",
        "Talent passport – investor or holder of an economic project",
    ),
    entry("passeport_talent_artiste", "Passeport talent – artiste", "Talent passport – artist"),
    entry("passeport_talent_renommee", "Passeport talent – renommée internationale", "Talent passport – international renown"),
    entry(
        "passeport_talent_famille",
        "Passeport talent – membre de famille d'un passeport talent",
        "Talent passport – family member of a talent passport holder",
    ),
    entry("salarie", "Salarié (hors passeport talent)", "Employee (other than talent passport)"),
    entry("membre_famille", "Membre de famille", "Family member"),
    entry("citoyen_ue", "Citoyen de l'Union européenne", "European Union citizen"),
    entry("humanitaire", "Motif humanitaire", "Humanitarian grounds"),
    entry("travailleur_saisonnier", "Travailleur saisonnier", "Seasonal worker"),
];

/// The entry of seed 004's home tile "Je valide mon VLS-TS" (not a title: it has a page of its
/// own rather than a place among the titles).
pub const VLS_TS_VALIDATION: &str = "valider_vls_ts";
pub const VALIDATIONS: &[OtherTitle] = &[entry(VLS_TS_VALIDATION, "Je valide mon VLS-TS", "I validate my long-stay visa")];

/// The sub-mentions of a passeport talent: a VLS-TS "passeport talent" does not carry it, so its
/// holder picks it (SPEC §3).
pub const TALENT_MENTIONS: &[OtherTitle] = &[
    entry("salarie_qualifie", "Salarié qualifié", "Qualified employee"),
    entry("entreprise_innovante", "Salarié en entreprise innovante (FrenchTech)", "Employee of an innovative company (FrenchTech)"),
    entry("carte_bleue_europeenne", "Salarié hautement qualifié (carte bleue européenne)", "Highly qualified employee (EU Blue Card)"),
    entry("salarie_en_mission", "Salarié en mission", "Employee on assignment"),
    entry("chercheur", "Chercheur", "Researcher"),
    entry("chercheur_mobilite", "Chercheur en mobilité", "Mobile researcher"),
    entry("investisseur", "Investisseur", "Investor"),
    entry("createur_entreprise", "Créateur d'entreprise", "Business founder"),
    entry("projet_innovant", "Porteur d'un projet innovant", "Holder of an innovative project"),
    entry("mandataire_social", "Mandataire social", "Company officer"),
    entry("artiste_salarie", "Artiste salarié", "Employed artist"),
    entry("artiste_non_salarie", "Artiste non salarié", "Self-employed artist"),
    entry("renommee_internationale", "Renommée internationale", "International renown"),
    entry("famille_conjoint", "Membre de famille d'un passeport talent – conjoint", "Family member of a talent passport holder – spouse"),
    entry(
        "famille_enfant",
        "Membre de famille d'un passeport talent – enfant, jeune majeur",
        "Family member of a talent passport holder – child, young adult",
    ),
];

/// Whether the held document is a passeport talent without its sub-mention, to be picked.
pub fn needs_talent_mention(held: HeldDocument<'_>) -> bool {
    matches!(held, HeldDocument::Visa { doc_type: "vls_ts", category: "passeport_talent" })
}

/// The procedure that renews a title of `category`, when it is open online.
pub fn renewal_procedure(category: &str) -> Option<&'static Procedure> {
    PROCEDURES.iter().copied().find(|p| p.renews.contains(&category))
}

/// Why the holder of `held` may not file `procedure` online as a first title or a change of
/// status (the procedure's eligibility rule); `None`: they may.
pub fn refusal(procedure: &Procedure, held: HeldDocument<'_>, nationality: &str, age: u32) -> Option<Text> {
    procedure.eligibility.filter(|rule| !(rule.online)(held, nationality, age)).map(|rule| rule.refusal)
}

/// Why a holder may not start a procedure: the server checks every start against what the
/// orientation page offers, so a request built by hand gets no more than the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartRefusal {
    /// A renewal of a title the applicant does not hold, or whose renewal is another procedure.
    NotTheirRenewal,
    /// A first title or a change of status the orientation page does not offer them, or offers
    /// as the other kind (a holder of a title changes status; the others ask a first title).
    NotOffered,
    /// The procedure's eligibility rule refuses them, with its message.
    NotEligible(Text),
}

/// The held document as the eligibility rules read it: only a title or visa valid today counts
/// as held (seed 002); an expired one is still renewed, late, by its own procedure.
pub fn for_eligibility(held: HeldDocument<'_>, valid_today: bool) -> HeldDocument<'_> {
    if valid_today {
        held
    } else {
        HeldDocument::None
    }
}

/// Whether the holder of `held` (valid today or not) may start `procedure` as a request of
/// `kind`.
pub fn check_start(
    procedure: &Procedure,
    kind: RequestKind,
    held: HeldDocument<'_>,
    valid_today: bool,
    nationality: &str,
    age: u32,
) -> Result<(), StartRefusal> {
    let holds_title = matches!(held, HeldDocument::Title { .. });
    match kind {
        RequestKind::Renouvellement => match held {
            HeldDocument::Title { category } if renewal_procedure(category).is_some_and(|p| p.id == procedure.id) => Ok(()),
            _ => Err(StartRefusal::NotTheirRenewal),
        },
        RequestKind::Premiere | RequestKind::Changement => {
            if procedure.opened_by.is_empty() || kind != RequestKind::for_other_title(holds_title) {
                return Err(StartRefusal::NotOffered);
            }
            refusal(procedure, for_eligibility(held, valid_today), nationality, age)
                .map_or(Ok(()), |message| Err(StartRefusal::NotEligible(message)))
        }
    }
}

/// Who may ask for a student title online (seed 002).
pub fn student_may_file_online(held: HeldDocument<'_>, nationality: &str, age: u32) -> bool {
    match held {
        // A long-term residence card (résident longue durée-UE) is not exchanged for a student title online.
        HeldDocument::Title { category: "resident_longue_duree_ue" } => false,
        // A student title, or a title for another motive.
        HeldDocument::Title { .. } => true,
        HeldDocument::Visa { doc_type: "vls_ts", category: "etudiant" | "etudiant_mobilite" } => true,
        HeldDocument::Visa { doc_type: "vls", category: "etudiant_mobilite" } => true,
        // Algerians hold a plain "Étudiant" visa (Franco-Algerian agreement).
        HeldDocument::Visa { doc_type: "vls", category: "etudiant" } => nationality == "DZ",
        // A young adult who came as a schooled minor.
        HeldDocument::Visa { doc_type: "vls_t", category: "mineur_scolarise" } => age >= 18,
        // Short-stay "concours" visa, anything else, or nothing at all.
        HeldDocument::Visa { .. } | HeldDocument::None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_kinds_keep_their_stored_codes() {
        for kind in RequestKind::ALL {
            assert_eq!(kind.as_str().parse::<RequestKind>(), Ok(kind));
            assert_eq!(serde_json::to_string(&kind).expect("json"), format!("\"{}\"", kind.as_str()));
        }
        assert!("autre".parse::<RequestKind>().is_err());
        assert_eq!(RequestKind::for_other_title(true), RequestKind::Changement);
        assert_eq!(RequestKind::for_other_title(false), RequestKind::Premiere);
    }

    #[test]
    fn every_procedure_is_reached_from_the_orientation_page() {
        let entries = || OTHER_TITLES.iter().chain(TALENT_MENTIONS).chain(VALIDATIONS);
        let codes: Vec<&str> = entries().map(|t| t.code).collect();
        for procedure in PROCEDURES {
            assert!(!procedure.renews.is_empty() || !procedure.opened_by.is_empty(), "{} is reached from nowhere", procedure.id);
            for category in procedure.renews {
                assert_eq!(renewal_procedure(category).map(|p| p.id), Some(procedure.id), "renewal of {category}");
            }
            for code in procedure.opened_by {
                assert!(codes.contains(code), "{} is opened by an unknown entry {code}", procedure.id);
                let entry = entries().find(|t| t.code == *code).expect("entry");
                assert_eq!(entry.procedure().map(|p| p.id), Some(procedure.id));
            }
        }
        // An entry opens at most one procedure, and a category is renewed by at most one.
        for code in codes {
            assert!(PROCEDURES.iter().filter(|p| p.opened_by.contains(&code)).count() <= 1, "{code}");
        }
        assert_eq!(renewal_procedure("visiteur"), None);
        assert!(OTHER_TITLES.iter().any(|t| t.procedure().is_none()), "some titles are still greyed out");
    }

    #[test]
    fn a_talent_passport_visa_asks_for_its_sub_mention() {
        assert!(needs_talent_mention(HeldDocument::Visa { doc_type: "vls_ts", category: "passeport_talent" }));
        assert!(!needs_talent_mention(HeldDocument::Title { category: "passeport_talent_chercheur" }));
        assert!(!needs_talent_mention(HeldDocument::Visa { doc_type: "vls_ts", category: "etudiant" }));
        let open: Vec<&str> = TALENT_MENTIONS.iter().filter(|m| m.procedure().is_some()).map(|m| m.code).collect();
        let expected: Vec<&str> =
            PROCEDURES.iter().flat_map(|p| p.opened_by.iter().copied()).filter(|c| TALENT_MENTIONS.iter().any(|m| m.code == *c)).collect();
        assert_eq!(open.len(), expected.len());
        assert!(open.iter().all(|code| expected.contains(code)));
    }

    #[test]
    fn a_start_is_refused_unless_the_orientation_page_offers_it() {
        use crate::domain::catalogue::procedure;
        let student = procedure("etudiant").expect("student");
        let researcher = procedure("passeport_talent_chercheur").expect("researcher");
        let title = |category| HeldDocument::Title { category };
        // One's own renewal only.
        assert_eq!(check_start(student, RequestKind::Renouvellement, title("etudiant"), true, "MX", 24), Ok(()));
        assert_eq!(
            check_start(researcher, RequestKind::Renouvellement, title("etudiant"), true, "MX", 24),
            Err(StartRefusal::NotTheirRenewal)
        );
        assert_eq!(
            check_start(student, RequestKind::Renouvellement, HeldDocument::None, true, "MX", 24),
            Err(StartRefusal::NotTheirRenewal)
        );
        // A title holder changes status; the others ask for a first title.
        assert_eq!(check_start(researcher, RequestKind::Changement, title("etudiant"), true, "MX", 24), Ok(()));
        assert_eq!(check_start(researcher, RequestKind::Premiere, title("etudiant"), true, "MX", 24), Err(StartRefusal::NotOffered));
        let talent_visa = HeldDocument::Visa { doc_type: "vls_ts", category: "passeport_talent" };
        assert_eq!(check_start(researcher, RequestKind::Premiere, talent_visa, true, "RS", 34), Ok(()));
        assert_eq!(check_start(researcher, RequestKind::Changement, talent_visa, true, "RS", 34), Err(StartRefusal::NotOffered));
        // Only a document valid today counts: a young adult whose only document expired is
        // refused the student title (seed 002), though one's own renewal stays open, late.
        assert!(matches!(check_start(student, RequestKind::Changement, title("dcem"), false, "GN", 18), Err(StartRefusal::NotEligible(_))));
        assert_eq!(check_start(student, RequestKind::Renouvellement, title("etudiant"), false, "TR", 25), Ok(()));
        // The eligibility rule, with its message.
        let refused = check_start(student, RequestKind::Premiere, HeldDocument::None, true, "SN", 19);
        assert!(matches!(refused, Err(StartRefusal::NotEligible(text)) if text.fr.contains("préfecture")));
    }

    #[test]
    fn student_eligibility_follows_seed_002() {
        let student = crate::domain::catalogue::procedure("etudiant").expect("student procedure");
        let online = |held, nationality, age| refusal(student, held, nationality, age).is_none();
        let visa = |doc_type, category| HeldDocument::Visa { doc_type, category };
        assert!(online(visa("vls_ts", "etudiant"), "CN", 21));
        assert!(online(visa("vls_ts", "etudiant_mobilite"), "KR", 23));
        assert!(online(visa("vls", "etudiant_mobilite"), "CL", 24));
        assert!(online(visa("vls", "etudiant"), "DZ", 22));
        assert!(!online(visa("vls", "etudiant"), "MA", 22), "only Algerians with a plain visa");
        assert!(online(visa("vls_t", "mineur_scolarise"), "MA", 18));
        assert!(!online(visa("vls_t", "mineur_scolarise"), "MA", 17));
        assert!(!online(visa("vcs", "concours"), "CI", 23));
        assert!(online(HeldDocument::Title { category: "salarie" }, "BF", 43));
        assert!(online(HeldDocument::Title { category: "etudiant" }, "MX", 24));
        assert!(!online(HeldDocument::Title { category: "resident_longue_duree_ue" }, "SN", 40));
        assert!(!online(HeldDocument::None, "SN", 19));
        let told = refusal(student, HeldDocument::None, "SN", 19).expect("refused");
        assert!(told.fr.contains("préfecture") && told.en.contains("prefecture"));
        // A procedure without a rule is open to anyone.
        let seasonal = crate::domain::catalogue::procedure("travailleur_saisonnier").expect("seasonal procedure");
        assert_eq!(refusal(seasonal, HeldDocument::None, "MA", 30), None);
    }
}
