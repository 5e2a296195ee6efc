//! The procedure catalogue: what each procedure asks, in which steps, with which choices and
//! conditions, and which documents the answers call for. Data, not branches: the wizard, the
//! server's validation, the recap, the list of documents and the receipt all read it, and a new
//! procedure is a new entry in [`PROCEDURES`].

pub mod answers;
pub mod chercheur;
pub mod citoyen_ue;
pub mod common;
pub mod etudiant;
pub mod model;
pub mod models;
pub mod orientation;
pub mod passeport_talent;
pub mod recap;
pub mod saisonnier;
pub mod vls_ts;

pub use answers::{required_documents, validate_step, Answers, ApplicantContext};
pub use model::{
    AddressEntry, Condition, DocumentRule, Eligibility, Field, FieldKind, FilingKind, MonthlyMinimum, Procedure, Step, StepKind, Text,
};

/// The procedures open to filing.
pub const PROCEDURES: &[&Procedure] = &[
    &etudiant::PROCEDURE,
    &chercheur::PROCEDURE,
    &passeport_talent::salarie_qualifie::PROCEDURE,
    &passeport_talent::investisseur::PROCEDURE,
    &passeport_talent::artiste::PROCEDURE,
    &passeport_talent::renommee::PROCEDURE,
    &passeport_talent::famille::PROCEDURE,
    &citoyen_ue::PROCEDURE,
    &saisonnier::PROCEDURE,
    &vls_ts::PROCEDURE,
];

pub fn procedure(id: &str) -> Option<&'static Procedure> {
    PROCEDURES.iter().copied().find(|p| p.id == id)
}

/// The id of a catalogue procedure as DTOs carry it (`etudiant`, …): the code stored in
/// `applications.procedure`. It reads as a `&str` wherever one is expected.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ProcedureId(pub String);

impl ProcedureId {
    /// The procedure of the catalogue with this id (`None` for an id no entry has).
    pub fn procedure(&self) -> Option<&'static Procedure> {
        procedure(&self.0)
    }
}

impl std::ops::Deref for ProcedureId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for ProcedureId {
    fn from(id: String) -> Self {
        ProcedureId(id)
    }
}

impl From<&str> for ProcedureId {
    fn from(id: &str) -> Self {
        ProcedureId(id.to_owned())
    }
}

impl std::fmt::Display for ProcedureId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::answers::{
        format_euros, holds, monthly_total, normalise_ephoto_code, normalise_mobile_phone, parse_euros, retain_step_answers,
    };
    use super::*;

    #[test]
    fn a_procedure_id_travels_as_its_code_and_finds_its_entry() {
        for entry in PROCEDURES {
            let id = ProcedureId::from(entry.id);
            assert_eq!(serde_json::to_string(&id).expect("json"), format!("\"{}\"", entry.id));
            assert_eq!(id.procedure().map(|p| p.id), Some(entry.id));
            assert_eq!(&*id, entry.id);
        }
        assert_eq!(ProcedureId::from("astronaute").procedure(), None);
    }
    use crate::domain::date::Date;
    use crate::domain::validation::ValidationError;

    fn adult() -> ApplicantContext {
        ApplicantContext { birth_date: Date::new(2002, 5, 14).expect("date"), today: Date::new(2026, 11, 22).expect("date") }
    }

    fn minor() -> ApplicantContext {
        ApplicantContext { birth_date: Date::new(2010, 4, 12).expect("date"), today: Date::new(2026, 11, 22).expect("date") }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::default();
        for (field, value) in pairs {
            answers.set(field, *value);
        }
        answers
    }

    fn personal() -> Answers {
        answers(&[
            ("date_entree", "2021-09-01"),
            ("situation_familiale", "celibataire"),
            ("enfants", "non"),
            ("adresse_voie", "3 rue de Paris"),
            ("adresse_code_postal", "91120"),
            ("adresse_commune", "Palaiseau"),
            ("adresse_pays", "FR"),
            ("adresse_code_insee", "91477"),
            ("telephone", "06 12 34 56 78"),
        ])
    }

    fn codes(documents: Vec<&DocumentRule>) -> Vec<&'static str> {
        documents.into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn every_condition_refers_to_an_existing_field_and_codes_are_unique() {
        for procedure in PROCEDURES {
            let ids: Vec<&str> = procedure.fields().map(|f| f.id).collect();
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "{}: field ids are unique", procedure.id);
            fn fields_of(condition: &Condition, out: &mut Vec<&'static str>) {
                match condition {
                    Condition::Is(f, _) | Condition::In(f, _) | Condition::Yes(f) => out.push(f),
                    Condition::All(all) | Condition::Any(all) => all.iter().for_each(|c| fields_of(c, out)),
                    Condition::Not(inner) => fields_of(inner, out),
                    Condition::Always | Condition::Minor | Condition::AgeFrom(_) => {}
                }
            }
            let mut referenced = Vec::new();
            procedure.fields().for_each(|f| fields_of(&f.shown, &mut referenced));
            procedure.documents.iter().for_each(|d| fields_of(&d.required_when, &mut referenced));
            // The request kind is kept in the answers by the server, shown by no step.
            for field in referenced.into_iter().filter(|f| *f != common::REQUEST_KIND) {
                assert!(ids.contains(&field), "{}: condition on unknown field {field}", procedure.id);
            }
            for code in procedure.models {
                assert!(models::model(code).is_some(), "{}: unknown model {code}", procedure.id);
            }
            let mut documents: Vec<&str> = procedure.documents.iter().map(|d| d.code).collect();
            documents.sort_unstable();
            let count = documents.len();
            documents.dedup();
            assert_eq!(documents.len(), count, "{}: document codes are unique", procedure.id);
            for field in procedure.fields() {
                if let FieldKind::Choice(choices) = field.kind {
                    let mut codes: Vec<&str> = choices.iter().map(|c| c.code).collect();
                    codes.sort_unstable();
                    codes.dedup();
                    assert_eq!(codes.len(), choices.len(), "{}: choice codes of {} are unique", procedure.id, field.id);
                }
            }
        }
    }

    #[test]
    fn the_student_procedure_has_six_steps_and_every_discipline() {
        let student = procedure("etudiant").expect("open");
        let steps: Vec<&str> = student.steps.iter().map(|s| s.id).collect();
        assert_eq!(steps, ["informations", "motif", "ressources", "justificatifs", "recapitulatif", "confirmation"]);
        assert_eq!(etudiant::DISCIPLINES.len(), 19);
        assert_eq!(etudiant::ESTABLISHMENT_TYPES.len(), 9);
        assert!(procedure("inconnue").is_none());
    }

    #[test]
    fn the_account_contact_form_checks_the_address_and_phone_as_the_personal_step_does() {
        let step = &common::CONTACT_STEP;
        let contact = answers(&[
            ("adresse_voie", "3 rue de Paris"),
            ("adresse_code_postal", "91120"),
            ("adresse_commune", "Palaiseau"),
            ("adresse_code_insee", "91477"),
            ("telephone", "06 12 34 56 78"),
        ]);
        assert_eq!(validate_step(step, &contact, &adult()), Ok(()));
        let contact_ids: Vec<&str> = step.fields.iter().map(|f| f.id).collect();
        for id in &contact_ids {
            assert!(common::PERSONAL_FIELDS.iter().any(|f| f.id == *id), "{id} is also in the personal step");
        }
        let mut wrong = contact.clone();
        wrong.set("telephone", "12345");
        wrong.0.remove("adresse_voie");
        let errors = validate_step(step, &wrong, &adult()).expect_err("invalid");
        assert_eq!(errors.get("telephone"), Some(&ValidationError::InvalidPhone));
        assert_eq!(errors.get("adresse_voie"), Some(&ValidationError::Required));
        // Nothing but the contact fields is asked there.
        assert_eq!(errors.0.len(), 2, "{errors:?}");
    }

    #[test]
    fn the_personal_step_validates_each_field() {
        let step = &common::PERSONAL_STEP;
        assert_eq!(validate_step(step, &personal(), &adult()), Ok(()));

        let mut wrong = personal();
        wrong.set("telephone", "12345");
        wrong.set("adresse_code_postal", "9112");
        wrong.set("situation_familiale", "polygame");
        wrong.set("date_entree", "2030-01-01");
        wrong.0.remove("adresse_commune");
        let errors = validate_step(step, &wrong, &adult()).expect_err("invalid");
        assert_eq!(errors.get("telephone"), Some(&ValidationError::InvalidPhone));
        assert_eq!(errors.get("adresse_code_postal"), Some(&ValidationError::InvalidPostalCode));
        assert_eq!(errors.get("situation_familiale"), Some(&ValidationError::InvalidChoice));
        assert_eq!(errors.get("date_entree"), Some(&ValidationError::DateInFuture));
        assert_eq!(errors.get("adresse_commune"), Some(&ValidationError::Required));

        // A partner's nationality is asked only with a partner, and then required.
        let mut married = personal();
        married.set("situation_familiale", "marie");
        let errors = validate_step(step, &married, &adult()).expect_err("partner missing");
        assert_eq!(errors.get("conjoint_nationalite"), Some(&ValidationError::Required));
        married.set("conjoint_nationalite", "MX");
        married.set("conjoint_en_france", "oui");
        assert_eq!(validate_step(step, &married, &adult()), Ok(()));
    }

    #[test]
    fn a_minor_needs_a_legal_representative_unless_emancipated() {
        let step = &common::PERSONAL_STEP;
        let errors = validate_step(step, &personal(), &minor()).expect_err("representative missing");
        assert_eq!(errors.get("representant_nom"), Some(&ValidationError::Required));
        let mut emancipated = personal();
        emancipated.set("mineur_emancipe", "oui");
        assert_eq!(validate_step(step, &emancipated, &minor()), Ok(()));
        // An adult's answer to the minors' box is not kept.
        assert!(retain_step_answers(step, &emancipated, &adult()).get("mineur_emancipe").is_none());
        assert!(!holds(&Condition::Minor, &personal(), &adult()));
    }

    #[test]
    fn emancipation_is_offered_from_16_only() {
        let step = &common::PERSONAL_STEP;
        let fifteen = ApplicantContext { birth_date: Date::new(2011, 6, 1).expect("date"), today: Date::new(2026, 11, 22).expect("date") };
        let shown = |ctx: &ApplicantContext| step.fields.iter().any(|f| f.id == "mineur_emancipe" && holds(&f.shown, &personal(), ctx));
        assert!(shown(&minor()), "16 years old");
        assert!(!shown(&fifteen) && !shown(&adult()));
        // A 15-year-old's ticked box counts for nothing: the representative is still asked, and
        // no emancipation decision.
        let mut ticked = personal();
        ticked.set("mineur_emancipe", "oui");
        let errors = validate_step(step, &ticked, &fifteen).expect_err("representative missing");
        assert_eq!(errors.get("representant_nom"), Some(&ValidationError::Required));
        assert!(retain_step_answers(step, &ticked, &fifteen).get("mineur_emancipe").is_none());
        let student = procedure("etudiant").expect("open");
        let documents = codes(required_documents(student, &ticked, &fifteen));
        assert!(documents.contains(&"piece_identite_representant") && !documents.contains(&"decision_emancipation"));
    }

    #[test]
    fn personal_documents_are_listed_under_civil_status_then_domiciliation() {
        let student = procedure("etudiant").expect("open");
        let group_of = |code: &str| student.documents.iter().find(|d| d.code == code).map(|d| d.group);
        for code in ["passeport", "acte_mariage", "actes_naissance_enfants", "piece_identite_representant", "decision_emancipation"] {
            assert_eq!(group_of(code), Some(model::DocumentGroup::CivilStatus), "{code}");
        }
        for code in ["justificatif_domicile", "attestation_hebergement"] {
            assert_eq!(group_of(code), Some(model::DocumentGroup::Domiciliation), "{code}");
        }
        assert_eq!(model::DocumentGroup::PERSONAL.map(|g| g.heading().fr), ["État-civil", "Domiciliation"]);
        // Seed 004's list of proofs of address, with the hotel's.
        let proof = student.documents.iter().find(|d| d.code == "justificatif_domicile").expect("proof of address");
        for kind in ["électricité", "internet", "mobile", "bail", "quittance de loyer", "taxe d'habitation", "hôtelier", "dernier mois"]
        {
            assert!(proof.description.fr.contains(kind), "{kind}");
        }
    }

    #[test]
    fn a_researcher_whose_diploma_is_not_issued_gives_the_pass_certificate_and_the_transcript() {
        let researcher = procedure("passeport_talent_chercheur").expect("open");
        let with = |issued: &str| {
            let mut answers = personal();
            answers.set("diplome_edite", issued);
            codes(required_documents(researcher, &answers, &adult()))
        };
        let issued = with("oui");
        assert!(issued.contains(&"diplome") && !issued.contains(&"attestation_reussite") && !issued.contains(&"releve_notes"));
        let pending = with("non");
        assert!(!pending.contains(&"diplome") && pending.contains(&"attestation_reussite") && pending.contains(&"releve_notes"));
    }

    #[test]
    fn a_researcher_renewing_after_losing_their_job_joins_france_travails_papers_not_a_hosting_agreement() {
        let researcher = procedure("passeport_talent_chercheur").expect("open");
        let motive = researcher.step("motif").expect("motive step");
        let with = |kind: &str, lost: &str| {
            let mut answers = personal();
            answers.set(common::REQUEST_KIND, kind);
            answers.set("perte_involontaire_emploi", lost);
            answers.set("mobilite_ue", "oui");
            codes(required_documents(researcher, &answers, &adult()))
        };
        let lost = with("renouvellement", "oui");
        assert!(lost.contains(&"attestation_rupture_contrat") && lost.contains(&"avis_situation_france_travail"));
        assert!(!lost.contains(&"convention_accueil") && !lost.contains(&"programme_mobilite"), "{lost:?}");
        let hosted = with("renouvellement", "non");
        assert!(hosted.contains(&"convention_accueil") && !hosted.contains(&"attestation_rupture_contrat"));
        let first = with("premiere", "oui");
        assert!(first.contains(&"convention_accueil"), "only a renewal may do without the agreement");

        let mut renewal = answers(&[(common::REQUEST_KIND, "renouvellement")]);
        let missing = validate_step(motive, &renewal, &adult()).expect_err("the question is asked of a renewal");
        assert!(missing.0.iter().any(|e| e.field == "perte_involontaire_emploi"), "{missing:?}");
        renewal.set("perte_involontaire_emploi", "oui");
        let missing = validate_step(motive, &renewal, &adult()).expect_err("other fields are missing");
        assert!(!missing.0.iter().any(|e| e.field == "nature_lien" || e.field == "perte_involontaire_emploi"), "{missing:?}");
    }

    #[test]
    fn a_renewal_or_a_change_of_status_joins_the_title_held() {
        let student = procedure("etudiant").expect("open");
        let with = |kind: &str| {
            let mut answers = personal();
            answers.set(common::REQUEST_KIND, kind);
            codes(required_documents(student, &answers, &adult()))
        };
        assert_eq!(with("renouvellement")[0], "titre_sejour", "first of the civil-status documents");
        assert!(with("changement").contains(&"titre_sejour"));
        assert!(!with("premiere").contains(&"titre_sejour"), "a first title: none is held");
    }

    #[test]
    fn a_worker_under_18_gives_the_sworn_statement_of_seed_001_annex_3() {
        let eu = procedure("citoyen_ue_salarie").expect("open");
        let mut working = personal();
        working.set("activite", "en_activite");
        let needs =
            |ctx: &ApplicantContext, answers: &Answers| codes(required_documents(eu, answers, ctx)).contains(&"declaration_honneur_mineur");
        assert!(needs(&minor(), &working));
        assert!(!needs(&adult(), &working), "an adult does not");
        let mut stopped = personal();
        stopped.set("activite", "cessation");
        assert!(!needs(&minor(), &stopped), "nor a minor who no longer works");
    }

    #[test]
    fn documents_follow_the_answers() {
        let student = procedure("etudiant").expect("open");
        let base = codes(required_documents(student, &personal(), &adult()));
        assert_eq!(base, ["passeport", "justificatif_domicile", "inscription", "resultats", "justificatif_ressources"]);

        let mut family = personal();
        family.set("situation_familiale", "marie");
        family.set("enfants", "oui");
        family.set("heberge", "oui");
        family.set("heberge_gratuit", "oui");
        let documents = codes(required_documents(student, &family, &adult()));
        assert!(documents.contains(&"acte_mariage"));
        assert!(documents.contains(&"actes_naissance_enfants"));
        assert!(documents.contains(&"attestation_hebergement"));
        assert!(!documents.contains(&"justificatif_domicile"), "hosted: the host's certificate replaces it");
        assert!(documents.contains(&"attestation_hebergement_gratuit"));

        let documents = codes(required_documents(student, &personal(), &minor()));
        assert!(documents.contains(&"piece_identite_representant"));
        let mut emancipated = personal();
        emancipated.set("mineur_emancipe", "oui");
        let documents = codes(required_documents(student, &emancipated, &minor()));
        assert!(documents.contains(&"decision_emancipation") && !documents.contains(&"piece_identite_representant"));
    }

    #[test]
    fn student_resources_are_totalled_against_the_minimum() {
        let student = procedure("etudiant").expect("open");
        let step = student.step("ressources").expect("step");
        assert_eq!(student.monthly_minimum.for_answers(&Answers::default()), Some(61_500));
        let mut resources = answers(&[("ressource_1_type", "bourse"), ("ressource_1_montant", "40000")]);
        assert_eq!(monthly_total(step, &resources), 40_000);
        resources.set("ressource_2_type", "virement");
        resources.set("ressource_2_montant", "25000");
        assert_eq!(monthly_total(step, &resources), 65_000);
        assert_eq!(validate_step(step, &resources, &adult()), Ok(()), "below or above the minimum, never blocking");
        resources.set("ressource_3_montant", "-5");
        assert!(validate_step(step, &resources, &adult()).is_err());
    }

    #[test]
    fn a_talent_cards_minimum_follows_its_sub_mention() {
        let minimum = |procedure_id: &str, mention: Option<&str>| {
            let mut chosen = Answers::default();
            if let Some(mention) = mention {
                chosen.set(common::SUB_MENTION, mention);
            }
            procedure(procedure_id).expect("open").monthly_minimum.for_answers(&chosen)
        };
        let smic = passeport_talent::SMIC_MONTHLY_CENTS;
        assert_eq!(minimum("passeport_talent_salarie_qualifie", Some("salarie_qualifie")), Some(2 * smic));
        assert_eq!(minimum("passeport_talent_salarie_qualifie", Some("salarie_en_mission")), Some(smic * 180 / 100));
        assert_eq!(minimum("passeport_talent_salarie_qualifie", Some("carte_bleue_europeenne")), None, "not modelled: no wrong warning");
        assert_eq!(minimum("passeport_talent_salarie_qualifie", None), None, "no sub-mention chosen yet");
        assert_eq!(minimum("passeport_talent_investisseur", Some("mandataire_social")), Some(3 * smic));
        assert_eq!(minimum("passeport_talent_investisseur", Some("investisseur")), None, "a capital, not an income");
        assert_eq!(minimum("passeport_talent_artiste", Some("artiste_non_salarie")), Some(smic * 70 / 100));
        let renown = procedure("passeport_talent_renommee").expect("open").monthly_minimum;
        assert!(renown.is_totalled() && renown.for_answers(&Answers::default()).is_none(), "the total without a minimum");
        for talent in PROCEDURES.iter().filter(|p| p.id.starts_with("passeport_talent")) {
            let declares = talent.fields().any(|f| f.kind == FieldKind::MonthlyAmount);
            assert_eq!(talent.monthly_minimum.is_totalled(), declares, "{}: a total where resources are declared", talent.id);
        }
    }

    #[test]
    fn the_four_procedures_have_their_steps() {
        let count = |id: &str| procedure(id).map(|p| p.steps.len());
        assert_eq!(count("etudiant"), Some(6));
        assert_eq!(count("passeport_talent_chercheur"), Some(5));
        assert_eq!(count("citoyen_ue_salarie"), Some(5));
        assert_eq!(count("travailleur_saisonnier"), Some(5));
    }

    #[test]
    fn an_eu_citizen_no_longer_working_gives_no_contract() {
        let eu = procedure("citoyen_ue_salarie").expect("open");
        let motive = eu.step("motif").expect("motive");
        let stopped = answers(&[("plus_de_5_ans", "oui"), ("activite", "cessation")]);
        assert_eq!(validate_step(motive, &stopped, &adult()), Ok(()), "nothing more to say");
        let mut all = personal();
        all.0.extend(stopped.0);
        let documents = codes(required_documents(eu, &all, &adult()));
        assert!(documents.contains(&"attestation_cessation"));
        assert!(!documents.contains(&"contrat_travail") && !documents.contains(&"justificatifs_5_ans"));

        let employed = answers(&[("plus_de_5_ans", "oui"), ("activite", "en_activite")]);
        let errors = validate_step(motive, &employed, &adult()).expect_err("contract missing");
        assert_eq!(errors.get("employeur_nom"), Some(&ValidationError::Required));
        let mut all = personal();
        all.0.extend(employed.0);
        let documents = codes(required_documents(eu, &all, &adult()));
        assert!(documents.contains(&"contrat_travail") && documents.contains(&"justificatifs_5_ans"));
    }

    #[test]
    fn a_mobile_researcher_proves_the_programme() {
        let researcher = procedure("passeport_talent_chercheur").expect("open");
        let mut all = personal();
        all.set("mobilite_ue", "oui");
        assert!(codes(required_documents(researcher, &all, &adult())).contains(&"programme_mobilite"));
        all.set("mobilite_ue", "non");
        assert!(!codes(required_documents(researcher, &all, &adult())).contains(&"programme_mobilite"));
    }

    #[test]
    fn children_are_a_repeated_group_validated_item_by_item() {
        use super::answers::{belongs_to_step, step_answers};
        let step = &common::PERSONAL_STEP;
        let mut parent = personal();
        parent.set("enfants", "oui");
        let errors = validate_step(step, &parent, &adult()).expect_err("no child given");
        assert_eq!(errors.get("enfants_liste"), Some(&ValidationError::Required));

        parent.set("enfants_liste", "2");
        for (key, value) in
            [("nom", "Hernández"), ("prenoms", "Lucía"), ("date_naissance", "2019-03-02"), ("nationalite", "MX"), ("en_france", "oui")]
        {
            parent.set(&format!("enfants_liste.0.{key}"), value);
        }
        parent.set("enfants_liste.1.nom", "Hernández");
        parent.set("enfants_liste.1.date_naissance", "2031-01-01");
        let errors = validate_step(step, &parent, &adult()).expect_err("second child incomplete");
        assert_eq!(errors.get("enfants_liste.1.prenoms"), Some(&ValidationError::Required));
        assert_eq!(errors.get("enfants_liste.1.date_naissance"), Some(&ValidationError::DateInFuture));
        assert!(errors.get("enfants_liste.0.nom").is_none());

        parent.set("enfants_liste", "13");
        assert_eq!(
            validate_step(step, &parent, &adult()).expect_err("too many").get("enfants_liste"),
            Some(&ValidationError::TooManyItems { max: 12 })
        );

        // Items beyond the count, and the group when "no child", are not kept.
        parent.set("enfants_liste", "1");
        let kept = retain_step_answers(step, &parent, &adult());
        assert_eq!(kept.get("enfants_liste.0.prenoms"), Some("Lucía"));
        assert_eq!(kept.get("enfants_liste.1.nom"), None);
        parent.set("enfants", "non");
        assert_eq!(retain_step_answers(step, &parent, &adult()).get("enfants_liste.0.nom"), None);
        assert!(belongs_to_step(step, "enfants_liste.0.nom") && !belongs_to_step(step, "enfants_liste_x"));
        assert!(step_answers(step, &parent).0.contains_key("enfants_liste.0.nom"));
    }

    #[test]
    fn a_seasonal_worker_declares_several_contracts() {
        let seasonal = procedure("travailleur_saisonnier").expect("open");
        let motive = seasonal.step("motif").expect("motive");
        let mut contracts =
            answers(&[("periodes_travaillees", "2025 et 2026"), ("attestation_residence_hors_france", "oui"), ("contrats", "2")]);
        for n in 0..2 {
            contracts.set(&format!("contrats.{n}.employeur_nom"), "Domaine des Vergers");
            contracts.set(&format!("contrats.{n}.employeur_siret"), "98765432109876");
            contracts.set(&format!("contrats.{n}.contrat_debut"), "2026-03-01");
            contracts.set(&format!("contrats.{n}.contrat_fin"), "2026-10-31");
        }
        assert_eq!(validate_step(motive, &contracts, &adult()), Ok(()));
        contracts.set("contrats", "0");
        assert_eq!(
            validate_step(motive, &contracts, &adult()).expect_err("one at least").get("contrats"),
            Some(&ValidationError::Required)
        );
    }

    #[test]
    fn answers_are_displayed_with_their_labels() {
        use super::answers::display_answer;
        use crate::i18n::Lang;
        let student = procedure("etudiant").expect("open");
        let field = |id: &str| student.fields().find(|f| f.id == id).expect("field");
        assert_eq!(display_answer(field("situation_familiale"), "pacse", Lang::Fr), "Pacsé(e)");
        assert_eq!(display_answer(field("situation_familiale"), "pacse", Lang::En), "In a civil partnership (PACS)");
        assert_eq!(display_answer(field("enfants"), "non", Lang::Fr), "Non");
        assert_eq!(display_answer(field("date_entree"), "2021-09-01", Lang::Fr), "01/09/2021");
        assert_eq!(display_answer(field("ressource_1_montant"), "61550", Lang::Fr), "615,50 €");
        assert_eq!(display_answer(field("conjoint_nationalite"), "MX", Lang::Fr), "Mexique");
        assert_eq!(display_answer(field("adresse_commune"), "Palaiseau", Lang::Fr), "Palaiseau");
    }

    #[test]
    fn euros_are_read_and_written_the_french_way() {
        assert_eq!(parse_euros("615"), Ok(61_500));
        assert_eq!(parse_euros("615,5"), Ok(61_550));
        assert_eq!(parse_euros(" 1 200.05 € "), Ok(120_005));
        assert_eq!(parse_euros("12,345"), Err(ValidationError::InvalidAmount));
        assert_eq!(parse_euros("-3"), Err(ValidationError::InvalidAmount));
        assert_eq!(parse_euros("abc"), Err(ValidationError::InvalidAmount));
        assert_eq!(parse_euros(""), Err(ValidationError::InvalidAmount));
        assert_eq!(format_euros(61_500), "615 €");
        assert_eq!(format_euros(123_450), "1\u{202f}234,50 €");
    }

    #[test]
    fn the_documents_step_asks_for_a_well_formed_e_photo_code() {
        let step = &common::DOCUMENTS_STEP;
        let errors = validate_step(step, &Answers::default(), &adult()).expect_err("mandatory");
        assert_eq!(errors.get("code_ephoto"), Some(&ValidationError::Required));
        let short = answers(&[("code_ephoto", "AB12")]);
        assert_eq!(validate_step(step, &short, &adult()).expect_err("short").get("code_ephoto"), Some(&ValidationError::InvalidEphotoCode));
        assert_eq!(normalise_ephoto_code("ab12-cd34 ef56 gh78 ij90 kl").as_deref(), Ok("AB12CD34EF56GH78IJ90KL"));
        assert_eq!(validate_step(step, &answers(&[("code_ephoto", "AB12CD34EF56GH78IJ90KL")]), &adult()), Ok(()));
    }

    #[test]
    fn mobile_phones_are_normalised() {
        assert_eq!(normalise_mobile_phone("06 12 34 56 78").as_deref(), Ok("+33612345678"));
        assert_eq!(normalise_mobile_phone("07.12.34.56.78").as_deref(), Ok("+33712345678"));
        assert_eq!(normalise_mobile_phone("+49 151 2345 6789").as_deref(), Ok("+4915123456789"));
        assert_eq!(normalise_mobile_phone("01 23 45 67 89"), Err(ValidationError::InvalidPhone));
        assert_eq!(normalise_mobile_phone("+33"), Err(ValidationError::InvalidPhone));
    }
}
