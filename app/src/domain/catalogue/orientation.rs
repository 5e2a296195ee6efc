//! The orientation page (SPEC §3): the renewal of the current title when its procedure is open,
//! the list of other titles (open ones lead to a procedure, the others are shown greyed out),
//! and who may ask for a student title online.

use super::model::Text;

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

/// One entry of "Je sollicite un autre titre de séjour".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OtherTitle {
    pub code: &'static str,
    pub label: Text,
    /// The catalogue's procedure when it is open online; `None`: shown greyed out.
    pub procedure: Option<&'static str>,
}

const fn entry(code: &'static str, fr: &'static str, en: &'static str, procedure: Option<&'static str>) -> OtherTitle {
    OtherTitle { code, label: Text::new(fr, en), procedure }
}

pub const OTHER_TITLES: &[OtherTitle] = &[
    entry("etudiant", "En tant qu'étudiant", "As a student", Some("etudiant")),
    entry("visiteur", "En tant que visiteur", "As a visitor", None),
    entry("passeport_talent_salarie_qualifie", "Passeport talent – salarié qualifié", "Talent passport – qualified employee", None),
    entry(
        "passeport_talent_chercheur",
        "Passeport talent – chercheur / chercheur en mobilité",
        "Talent passport – researcher / mobile researcher",
        Some("passeport_talent_chercheur"),
    ),
    entry(
        "passeport_talent_investisseur",
        "Passeport talent – investisseur ou porteur d'un projet économique",
        "Talent passport – investor or economic project",
        None,
    ),
    entry("passeport_talent_artiste", "Passeport talent – artiste", "Talent passport – artist", None),
    entry("passeport_talent_renommee", "Passeport talent – renommée internationale", "Talent passport – international renown", None),
    entry("passeport_talent_famille", "Passeport talent – membre de famille", "Talent passport – family member", None),
    entry("salarie", "Salarié (hors passeport talent)", "Employee (other than talent passport)", None),
    entry("membre_famille", "Membre de famille", "Family member", None),
    entry("citoyen_ue", "Citoyen de l'Union européenne", "European Union citizen", None),
    entry("humanitaire", "Motif humanitaire", "Humanitarian grounds", None),
    entry("travailleur_saisonnier", "Travailleur saisonnier", "Seasonal worker", Some("travailleur_saisonnier")),
];

/// The sub-mentions of a passeport talent: a VLS-TS "passeport talent" does not carry it, so its
/// holder picks it (SPEC §3).
pub const TALENT_MENTIONS: &[OtherTitle] = &[
    entry("salarie_qualifie", "Salarié qualifié", "Qualified employee", None),
    entry("entreprise_innovante", "Salarié d'une entreprise innovante", "Employee of an innovative company", None),
    entry("carte_bleue_europeenne", "Carte bleue européenne", "EU Blue Card", None),
    entry("salarie_en_mission", "Salarié en mission", "Employee on assignment", None),
    entry("chercheur", "Chercheur", "Researcher", Some("passeport_talent_chercheur")),
    entry("chercheur_mobilite", "Chercheur en mobilité", "Mobile researcher", Some("passeport_talent_chercheur")),
    entry("investisseur", "Investisseur", "Investor", None),
    entry("createur_entreprise", "Créateur d'entreprise", "Business founder", None),
    entry("projet_innovant", "Porteur d'un projet innovant", "Innovative project", None),
    entry("mandataire_social", "Mandataire social", "Company officer", None),
    entry("artiste_salarie", "Artiste salarié", "Employed artist", None),
    entry("artiste_non_salarie", "Artiste non salarié", "Self-employed artist", None),
    entry("renommee_internationale", "Renommée internationale", "International renown", None),
    entry("famille_conjoint", "Membre de famille – conjoint", "Family member – spouse", None),
    entry("famille_enfant", "Membre de famille – enfant ou jeune majeur", "Family member – child or young adult", None),
];

/// Whether the held document is a passeport talent without its sub-mention, to be picked.
pub fn needs_talent_mention(held: HeldDocument<'_>) -> bool {
    matches!(held, HeldDocument::Visa { doc_type: "vls_ts", category: "passeport_talent" })
}

/// The procedure that renews a title of `category`, when it is open online.
pub fn renewal_procedure(category: &str) -> Option<&'static str> {
    match category {
        "etudiant" => Some("etudiant"),
        "passeport_talent_chercheur" => Some("passeport_talent_chercheur"),
        "citoyen_ue_salarie" => Some("citoyen_ue_salarie"),
        "travailleur_saisonnier" => Some("travailleur_saisonnier"),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudentEligibility {
    /// May file online.
    Online,
    /// Must apply at the prefecture (the page says so and offers nothing to file).
    AtThePrefecture,
}

/// Who may ask for a student title online (seed 002).
pub fn student_eligibility(held: HeldDocument<'_>, nationality: &str, age: u32) -> StudentEligibility {
    use StudentEligibility::{AtThePrefecture, Online};
    match held {
        // A long-term residence card (résident longue durée-UE) is not exchanged for a student title online.
        HeldDocument::Title { category: "resident_longue_duree_ue" } => AtThePrefecture,
        // A student title, or a title for another motive.
        HeldDocument::Title { .. } => Online,
        HeldDocument::Visa { doc_type: "vls_ts", category: "etudiant" | "etudiant_mobilite" } => Online,
        HeldDocument::Visa { doc_type: "vls", category: "etudiant_mobilite" } => Online,
        // Algerians hold a plain "Étudiant" visa (Franco-Algerian agreement).
        HeldDocument::Visa { doc_type: "vls", category: "etudiant" } if nationality == "DZ" => Online,
        // A young adult who came as a schooled minor.
        HeldDocument::Visa { doc_type: "vls_t", category: "mineur_scolarise" } if age >= 18 => Online,
        // Short-stay "concours" visa, anything else, or nothing at all.
        HeldDocument::Visa { .. } | HeldDocument::None => AtThePrefecture,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::procedure;

    #[test]
    fn open_entries_lead_to_catalogue_procedures() {
        for title in OTHER_TITLES {
            if let Some(id) = title.procedure {
                assert!(procedure(id).is_some(), "{} leads to an unknown procedure {id}", title.code);
            }
        }
        assert_eq!(OTHER_TITLES.iter().filter(|t| t.procedure.is_some()).count(), 3);
        for category in ["etudiant", "passeport_talent_chercheur", "citoyen_ue_salarie", "travailleur_saisonnier"] {
            let id = renewal_procedure(category).expect("renewal open");
            assert!(procedure(id).is_some());
        }
        assert_eq!(renewal_procedure("visiteur"), None);
    }

    #[test]
    fn a_talent_passport_visa_asks_for_its_sub_mention() {
        assert!(needs_talent_mention(HeldDocument::Visa { doc_type: "vls_ts", category: "passeport_talent" }));
        assert!(!needs_talent_mention(HeldDocument::Title { category: "passeport_talent_chercheur" }));
        assert!(!needs_talent_mention(HeldDocument::Visa { doc_type: "vls_ts", category: "etudiant" }));
        let open: Vec<&str> = TALENT_MENTIONS.iter().filter_map(|m| m.procedure).collect();
        assert_eq!(open, ["passeport_talent_chercheur", "passeport_talent_chercheur"]);
        assert!(TALENT_MENTIONS.iter().filter_map(|m| m.procedure).all(|p| procedure(p).is_some()));
    }

    #[test]
    fn student_eligibility_follows_seed_002() {
        use StudentEligibility::{AtThePrefecture, Online};
        let visa = |doc_type, category| HeldDocument::Visa { doc_type, category };
        assert_eq!(student_eligibility(visa("vls_ts", "etudiant"), "CN", 21), Online);
        assert_eq!(student_eligibility(visa("vls_ts", "etudiant_mobilite"), "KR", 23), Online);
        assert_eq!(student_eligibility(visa("vls", "etudiant_mobilite"), "CL", 24), Online);
        assert_eq!(student_eligibility(visa("vls", "etudiant"), "DZ", 22), Online);
        assert_eq!(student_eligibility(visa("vls", "etudiant"), "MA", 22), AtThePrefecture, "only Algerians with a plain visa");
        assert_eq!(student_eligibility(visa("vls_t", "mineur_scolarise"), "MA", 18), Online);
        assert_eq!(student_eligibility(visa("vls_t", "mineur_scolarise"), "MA", 17), AtThePrefecture);
        assert_eq!(student_eligibility(visa("vcs", "concours"), "CI", 23), AtThePrefecture);
        assert_eq!(student_eligibility(HeldDocument::Title { category: "salarie" }, "BF", 43), Online);
        assert_eq!(student_eligibility(HeldDocument::Title { category: "etudiant" }, "MX", 24), Online);
        assert_eq!(student_eligibility(HeldDocument::Title { category: "resident_longue_duree_ue" }, "SN", 40), AtThePrefecture);
        assert_eq!(student_eligibility(HeldDocument::None, "SN", 19), AtThePrefecture);
    }
}
