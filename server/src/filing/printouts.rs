//! PDFs printed from the catalogue for the preamble page: the list of supporting documents of a
//! procedure (the same rules the wizard applies) and the model attestations. Administrative
//! documents, so in French.

use app::domain::catalogue::model::DocumentGroup;
use app::domain::catalogue::models::ModelDocument;
use app::domain::catalogue::{Condition, Procedure};

use crate::pdf::{Block, PdfDocument};

const ISSUER: &str = "Ministère de l'Intérieur – Étrangers en France";

pub fn documents_list(procedure: &Procedure) -> PdfDocument {
    let mut doc = PdfDocument::new(ISSUER, format!("Liste des justificatifs – {}", procedure.title.fr));
    doc.push(Block::Paragraph(
        "Formats acceptés : JPG, PNG, BMP, TIFF ou PDF ; 10 Mo au plus par fichier ; 3 fichiers au plus par justificatif. \
         Les justificatifs demandés « selon votre situation » dépendent de vos réponses au formulaire."
            .into(),
    ));
    let parts = [
        (DocumentGroup::CivilStatus, "Informations personnelles – État-civil"),
        (DocumentGroup::Domiciliation, "Informations personnelles – Domiciliation"),
        (DocumentGroup::Motive, "Motif de séjour"),
    ];
    for (group, title) in parts {
        let documents: Vec<_> = procedure.documents.iter().filter(|d| d.group == group).collect();
        if documents.is_empty() {
            continue;
        }
        doc.push(Block::Heading(title.into()));
        doc.push(Block::Fields(
            documents
                .into_iter()
                .map(|d| {
                    let when = if d.required_when == Condition::Always { "Toujours demandé" } else { "Selon votre situation" };
                    (d.label.fr.to_owned(), format!("{} ({when})", d.description.fr))
                })
                .collect(),
        ));
    }
    doc.push(Block::Heading("Photo d'identité".into()));
    doc.push(Block::Paragraph("Le code e-photo (22 lettres et chiffres) remis par une cabine ou un photographe agréé.".into()));
    doc
}

pub fn model(model: &ModelDocument) -> PdfDocument {
    let mut doc = PdfDocument::new(ISSUER, format!("Modèle – {}", model.title.fr));
    for paragraph in model.paragraphs {
        doc.push(Block::Paragraph((*paragraph).to_owned()));
        doc.push(Block::Space);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::catalogue::{models::MODELS, PROCEDURES};

    #[test]
    fn every_procedure_and_model_prints() {
        for procedure in PROCEDURES {
            let doc = documents_list(procedure);
            let text = format!("{:?}", doc.blocks);
            for document in procedure.documents {
                assert!(text.contains(document.label.fr), "{}: {}", procedure.id, document.code);
            }
            assert!(doc.render().expect("pdf").starts_with(b"%PDF"));
        }
        for model in MODELS {
            assert!(super::model(model).render().expect("pdf").starts_with(b"%PDF"));
        }
    }
}
