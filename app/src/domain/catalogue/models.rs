//! The model attestations offered on the preamble page (SPEC §4), which the applicant prints,
//! has filled in and signed, then joins as a supporting document. Administrative documents,
//! so their text is French; the title has both languages for the link.

use super::model::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelDocument {
    pub code: &'static str,
    pub title: Text,
    /// The paragraphs of the model; `……` marks a blank to fill in by hand.
    pub paragraphs: &'static [&'static str],
}

pub const EMPLOYER_ATTESTATION: ModelDocument = ModelDocument {
    code: "attestation-employeur",
    title: Text::new("Attestation de l'employeur", "Employer's certificate"),
    paragraphs: &[
        "Je soussigné(e) …………………………………, agissant en qualité de ………………………… de l'entreprise …………………………………, numéro SIRET ……………………………, dont le siège est situé …………………………………………………,",
        "atteste employer M./Mme …………………………………, né(e) le ……………… à ………………………, de nationalité ………………………,",
        "en qualité de …………………………………, depuis le ………………, par un contrat de travail à durée ……………………, pour une rémunération mensuelle brute de ……………… euros.",
        "Fait à ………………………, le ………………. Signature et cachet de l'employeur :",
    ],
};

pub const MINOR_WORK_STATEMENT: ModelDocument = ModelDocument {
    code: "declaration-mineur-16-18-ans",
    title: Text::new("Déclaration sur l'honneur (16 à 18 ans exerçant une activité)", "Sworn statement (16 to 18 year-olds who work)"),
    paragraphs: &[
        "Je soussigné(e) …………………………………, né(e) le ……………… à ………………………, de nationalité ………………………,",
        "déclare sur l'honneur exercer une activité professionnelle en qualité de ………………………………… auprès de …………………………………, depuis le ………………,",
        "et avoir été autorisé(e) à l'exercer par mon représentant légal, M./Mme ………………………………….",
        "Fait à ………………………, le ………………. Signature du déclarant et du représentant légal :",
    ],
};

pub const RESIDENCE_ABROAD_STATEMENT: ModelDocument = ModelDocument {
    code: "attestation-residence-hors-de-france",
    title: Text::new(
        "Déclaration sur l'honneur de résidence habituelle hors de France",
        "Sworn statement of habitual residence outside France",
    ),
    paragraphs: &[
        "Je soussigné(e) …………………………………, né(e) le ……………… à ………………………, de nationalité ………………………,",
        "déclare sur l'honneur maintenir ma résidence habituelle hors de France, à l'adresse suivante : …………………………………………………………………,",
        "et n'avoir séjourné en France, au titre de mes activités saisonnières, que pendant les périodes suivantes : …………………………………………………….",
        "Fait à ………………………, le ………………. Signature :",
    ],
};

pub const MODELS: &[ModelDocument] = &[EMPLOYER_ATTESTATION, MINOR_WORK_STATEMENT, RESIDENCE_ABROAD_STATEMENT];

pub fn model(code: &str) -> Option<&'static ModelDocument> {
    MODELS.iter().find(|m| m.code == code)
}
