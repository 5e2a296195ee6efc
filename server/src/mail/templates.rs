//! The texts of the e-mails, in French and English, each with a plain-text and an HTML body.

use app::i18n::{Lang, Msg};
use app::lawful_stay::AttestationNotice;

use super::outbox::EmailContent;

/// Escapes text for HTML bodies.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// One paragraph or a call-to-action link of an e-mail.
pub enum Block<'a> {
    Text(String),
    Link { label: &'a str, url: String },
}

/// Lays out an e-mail: the same blocks give the text and the HTML bodies.
pub fn compose(lang: Lang, subject: String, blocks: Vec<Block<'_>>) -> EmailContent {
    let (greeting, signature, footer) = match lang {
        Lang::Fr => (
            "Bonjour,",
            "Le service Étrangers en France",
            "Ce message est envoyé automatiquement, merci de ne pas y répondre. Pour nous écrire, utilisez le formulaire de contact du site.",
        ),
        Lang::En => (
            "Hello,",
            "The Foreigners in France service",
            "This message is sent automatically, please do not reply. To write to us, use the contact form of the website.",
        ),
    };
    let mut text = format!("{greeting}\n\n");
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:Arial,sans-serif;color:#161616;max-width:640px;margin:0 auto;padding:16px\">\
         <p style=\"font-weight:bold;font-size:18px;border-bottom:4px solid #000091;padding-bottom:8px\">{}</p><p>{greeting}</p>",
        lang.code(),
        escape(&subject),
        match lang {
            Lang::Fr => "Étrangers en France",
            Lang::En => "Foreigners in France",
        }
    );
    for block in blocks {
        match block {
            Block::Text(paragraph) => {
                text.push_str(&paragraph);
                text.push_str("\n\n");
                html.push_str(&format!("<p>{}</p>", escape(&paragraph)));
            }
            Block::Link { label, url } => {
                text.push_str(&format!("{label} : {url}\n\n"));
                html.push_str(&format!(
                    "<p><a href=\"{}\" style=\"display:inline-block;background:#000091;color:#fff;padding:8px 16px;text-decoration:none\">{}</a></p>\
                     <p style=\"font-size:12px;color:#666\">{}</p>",
                    escape(&url),
                    escape(label),
                    escape(&url)
                ));
            }
        }
    }
    text.push_str(&format!("{signature}\n\n--\n{footer}\n"));
    html.push_str(&format!("<p>{signature}</p><hr><p style=\"font-size:12px;color:#666\">{footer}</p></body></html>"));
    EmailContent { subject, text, html }
}

pub fn activation_title_holder(lang: Lang, link: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Confirmez votre adresse électronique".into(), vec![
            Block::Text("Vous avez demandé la création de votre compte sur le service Étrangers en France. Pour confirmer votre adresse électronique et créer votre mot de passe, cliquez sur le lien ci-dessous. Il est valable 48 heures et ne peut servir qu'une fois.".into()),
            Block::Link { label: "Confirmer mon adresse et créer mon mot de passe", url: link },
            Block::Text("Votre identifiant de connexion sera votre numéro étranger. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.".into()),
        ]),
        Lang::En => compose(lang, "Confirm your e-mail address".into(), vec![
            Block::Text("You asked to create your account on the Foreigners in France service. To confirm your e-mail address and create your password, click the link below. It is valid for 48 hours and can be used only once.".into()),
            Block::Link { label: "Confirm my address and create my password", url: link },
            Block::Text("Your login identifier will be your foreigner number. If you did not make this request, ignore this message.".into()),
        ]),
    }
}

pub fn activation_visa_holder(lang: Lang, link: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Confirmez votre adresse électronique".into(), vec![
            Block::Text("Vous avez demandé à accéder au service Étrangers en France avec votre visa. Pour confirmer votre adresse électronique et accéder au dépôt de votre demande, cliquez sur le lien ci-dessous. Il est valable 48 heures et ne peut servir qu'une fois.".into()),
            Block::Link { label: "Confirmer mon adresse et accéder à mes démarches", url: link },
            Block::Text("Votre numéro étranger et votre mot de passe vous seront envoyés après l'instruction de votre demande. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.".into()),
        ]),
        Lang::En => compose(lang, "Confirm your e-mail address".into(), vec![
            Block::Text("You asked to access the Foreigners in France service with your visa. To confirm your e-mail address and access the filing of your application, click the link below. It is valid for 48 hours and can be used only once.".into()),
            Block::Link { label: "Confirm my address and go to my applications", url: link },
            Block::Text("Your foreigner number and your password will be sent to you after your application has been examined. If you did not make this request, ignore this message.".into()),
        ]),
    }
}

/// Sent to the address of an existing account when someone tries to create it again.
pub fn account_already_exists(lang: Lang, login_url: String, forgot_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Vous avez déjà un compte".into(), vec![
            Block::Text("Une demande de création de compte a été faite avec votre titre de séjour, mais un compte existe déjà. Connectez-vous avec votre numéro étranger et votre mot de passe.".into()),
            Block::Link { label: "Se connecter", url: login_url },
            Block::Text("Si vous avez oublié votre mot de passe, vous pouvez en choisir un nouveau :".into()),
            Block::Link { label: "Mot de passe oublié", url: forgot_url },
            Block::Text("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre compte n'a pas été modifié.".into()),
        ]),
        Lang::En => compose(lang, "You already have an account".into(), vec![
            Block::Text("An account creation was requested with your residence permit, but an account already exists. Log in with your foreigner number and your password.".into()),
            Block::Link { label: "Log in", url: login_url },
            Block::Text("If you forgot your password, you can choose a new one:".into()),
            Block::Link { label: "Forgotten password", url: forgot_url },
            Block::Text("If you did not make this request, ignore this message: your account has not been changed.".into()),
        ]),
    }
}

/// To the address of an account nobody activated yet, when a new sign-up with the same document
/// gave another address. It names neither address: whoever reads it only learns what to do.
pub fn signup_with_another_address(lang: Lang, contact_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(
            lang,
            "Une autre adresse a été indiquée pour votre compte".into(),
            vec![
                Block::Text("Une nouvelle demande de création de compte a été faite avec votre titre ou votre visa, en indiquant une autre adresse électronique.".into()),
                Block::Text("Si c'est vous, il n'y a rien à faire. Sinon, activez votre compte avec le lien reçu précédemment : il reste valable, et le premier lien utilisé crée le compte.".into()),
                Block::Link { label: "Nous contacter", url: contact_url },
            ],
        ),
        Lang::En => compose(
            lang,
            "Another address was given for your account".into(),
            vec![
                Block::Text("A new request to create an account was made with your residence permit or visa, giving another e-mail address.".into()),
                Block::Text("If it was you, there is nothing to do. Otherwise, activate your account with the link you received before: it is still valid, and the first link used creates the account.".into()),
                Block::Link { label: "Contact us", url: contact_url },
            ],
        ),
    }
}

pub fn password_reset(lang: Lang, link: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Choisissez un nouveau mot de passe".into(), vec![
            Block::Text("Vous avez indiqué avoir oublié votre mot de passe. Pour en choisir un nouveau, cliquez sur le lien ci-dessous. Il est valable 2 heures et ne peut servir qu'une fois.".into()),
            Block::Link { label: "Choisir un nouveau mot de passe", url: link },
            Block::Text("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.".into()),
        ]),
        Lang::En => compose(lang, "Choose a new password".into(), vec![
            Block::Text("You said you forgot your password. To choose a new one, click the link below. It is valid for 2 hours and can be used only once.".into()),
            Block::Link { label: "Choose a new password", url: link },
            Block::Text("If you did not make this request, ignore this message: your current password remains valid.".into()),
        ]),
    }
}

pub fn password_changed(lang: Lang, forgot_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Votre mot de passe a été modifié".into(), vec![
            Block::Text("Le mot de passe de votre compte vient d'être modifié. Si vous n'êtes pas à l'origine de ce changement, choisissez immédiatement un nouveau mot de passe et contactez-nous.".into()),
            Block::Link { label: "Mot de passe oublié", url: forgot_url },
        ]),
        Lang::En => compose(lang, "Your password has been changed".into(), vec![
            Block::Text("The password of your account has just been changed. If you did not make this change, choose a new password immediately and contact us.".into()),
            Block::Link { label: "Forgotten password", url: forgot_url },
        ]),
    }
}

/// To the holder of a VLS-TS, once validated online: the attestation is attached.
pub fn visa_validated(lang: Lang, file_number: &str, account_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(
            lang,
            format!("Votre VLS-TS est validé (dossier {file_number})"),
            vec![
                Block::Text(format!("Votre visa de long séjour valant titre de séjour est validé, sous le numéro de dossier {file_number}.")),
                Block::Text("Vous trouverez en pièce jointe l'attestation de validation. Conservez-la avec votre passeport : ensemble, ils justifient de la régularité de votre séjour jusqu'à la fin de validité du visa.".into()),
                Block::Link { label: "Accéder à mes démarches", url: account_url },
            ],
        ),
        Lang::En => compose(
            lang,
            format!("Your long-stay visa is validated (file {file_number})"),
            vec![
                Block::Text(format!("Your long-stay visa equivalent to a residence permit is validated, under file number {file_number}.")),
                Block::Text("The attestation of validation is attached. Keep it with your passport: together they prove that you stay lawfully until the visa expires.".into()),
                Block::Link { label: "Go to my applications", url: account_url },
            ],
        ),
    }
}

/// Sent at submission, with the receipt attached.
/// `attestation`: for a renewal, the attestation de prolongation d'instruction attached beside
/// the receipt, or why there is none.
pub fn submission_receipt(
    lang: Lang,
    file_number: &str,
    procedure: &str,
    prefecture: &str,
    attestation: Option<&AttestationNotice>,
    account_url: String,
) -> EmailContent {
    // The confirmation page's sentences, word for word.
    let attestation = attestation.map(|notice| {
        let fill = |msg: Msg, values: &[(&str, &str)]| app::i18n::fill(msg.text(lang), values);
        match notice {
            AttestationNotice::Issued { valid_until } => fill(Msg::StayAttestationIssued, &[("until", valid_until)]),
            AttestationNotice::Late { window_closed } => fill(Msg::StayAttestationLate, &[("closed", window_closed)]),
            AttestationNotice::AfterCheck => Msg::StayAttestationAfterCheck.text(lang).to_owned(),
        }
    });
    match lang {
        Lang::Fr => {
            let mut blocks = vec![
                Block::Text(format!("Votre demande « {procedure} » a bien été enregistrée sous le numéro {file_number}. Elle est transmise à : {prefecture}.")),
                Block::Text("Vous trouverez en pièce jointe la confirmation de dépôt. Conservez-la : elle atteste du dépôt de votre demande. Vous serez informé par courriel de chaque étape de son instruction.".into()),
            ];
            if let Some(attestation) = attestation {
                blocks.push(Block::Text(attestation));
            }
            blocks.push(Block::Link { label: "Suivre ma demande", url: account_url });
            compose(lang, format!("Votre demande {file_number} a bien été déposée"), blocks)
        }
        Lang::En => {
            let mut blocks = vec![
                Block::Text(format!("Your application \"{procedure}\" has been registered under number {file_number}. It has been sent to: {prefecture}.")),
                Block::Text("The filing receipt is attached. Keep it: it proves that you filed your application. You will be informed by e-mail of each step of its examination.".into()),
            ];
            if let Some(attestation) = attestation {
                blocks.push(Block::Text(attestation));
            }
            blocks.push(Block::Link { label: "Follow my application", url: account_url });
            compose(lang, format!("Your application {file_number} has been filed"), blocks)
        }
    }
}

/// A new attestation de prolongation d'instruction, attached (renewed before the previous one
/// ends, or issued when the file was taken in charge).
pub fn attestation_issued(lang: Lang, file_number: &str, valid_until: &str, account_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, format!("Votre attestation de prolongation d'instruction – demande {file_number}"), vec![
            Block::Text(format!("Votre demande n° {file_number} est toujours en cours d'instruction. Vous trouverez en pièce jointe votre attestation de prolongation d'instruction, valable jusqu'au {valid_until}.")),
            Block::Text("Elle prouve la régularité de votre séjour et vous conserve vos droits jusqu'à la décision. Remettez-la à votre employeur ou à tout organisme qui vous la demande.".into()),
            Block::Link { label: "Accéder à mon compte", url: account_url },
        ]),
        Lang::En => compose(lang, format!("Your attestation extending your stay – application {file_number}"), vec![
            Block::Text(format!("Your application no. {file_number} is still being reviewed. Your attestation extending your stay during the review (attestation de prolongation d'instruction), valid until {valid_until}, is attached.")),
            Block::Text("It proves that your stay is lawful and keeps your rights until the decision. Give it to your employer or to any body that asks for it.".into()),
            Block::Link { label: "Go to my account", url: account_url },
        ]),
    }
}

/// A reminder before the title expires (`lawful_stay::reminders`).
pub fn renewal_reminder(
    lang: Lang,
    title: &str,
    window: &app::domain::lawful_stay::RenewalWindow,
    new_application_url: String,
) -> EmailContent {
    let (expires, opens, closes) = (window.expires.to_french(), window.opens.to_french(), window.closes.to_french());
    match lang {
        Lang::Fr => compose(lang, format!("Votre titre de séjour expire le {expires}"), vec![
            Block::Text(format!("Votre titre de séjour « {title} » expire le {expires}. Déposez votre demande de renouvellement entre le {opens} et le {closes}.")),
            Block::Text("Une demande déposée dans ce délai vous donne aussitôt une attestation de prolongation d'instruction, qui conserve vos droits jusqu'à la décision. Après le délai, la demande est tardive et ne donne pas droit à cette attestation.".into()),
            Block::Link { label: "Déposer ma demande de renouvellement", url: new_application_url },
            Block::Text("Vous pouvez désactiver ces rappels depuis votre compte.".into()),
        ]),
        Lang::En => compose(lang, format!("Your residence permit expires on {expires}"), vec![
            Block::Text(format!("Your residence permit \"{title}\" expires on {expires}. File your renewal application between {opens} and {closes}.")),
            Block::Text("An application filed within this period gives you at once an attestation extending your stay during the review, which keeps your rights until the decision. After this period the application is late and does not give this attestation.".into()),
            Block::Link { label: "File my renewal application", url: new_application_url },
            Block::Text("You can turn these reminders off from your account.".into()),
        ]),
    }
}

/// To the agent in charge of a file its applicant withdrew. The back-office is in French.
pub fn withdrawn(file_number: &str, reason: Option<&str>, file_url: String) -> EmailContent {
    let mut blocks = vec![Block::Text(format!(
        "L'usager a retiré sa demande n° {file_number} : le dossier est classé sans suite à sa demande, sans décision à prendre."
    ))];
    if let Some(reason) = reason {
        blocks.push(Block::Text(format!("Motif indiqué : {reason}")));
    }
    blocks.push(Block::Link { label: "Ouvrir le dossier", url: file_url });
    compose(Lang::Fr, format!("Demande {file_number} retirée par l'usager"), blocks)
}

/// To the applicant when the prefecture wrote: only that there is a message, never what it
/// says (an e-mail may be read by others; the thread is behind the login). `awaiting`: the
/// day an answer is expected, if the agent set one.
pub fn new_message(lang: Lang, file_number: &str, awaiting: Option<&str>, thread_url: String) -> EmailContent {
    match lang {
        Lang::Fr => {
            let mut blocks = vec![Block::Text(format!("La préfecture vous a écrit au sujet de votre demande n° {file_number}."))];
            if let Some(day) = awaiting {
                blocks.push(Block::Text(format!("Une réponse de votre part est attendue avant le {day}.")));
            }
            blocks.push(Block::Text("Connectez-vous à votre compte pour lire le message et y répondre.".into()));
            blocks.push(Block::Link { label: "Lire le message", url: thread_url });
            compose(lang, format!("Vous avez un nouveau message ({file_number})"), blocks)
        }
        Lang::En => {
            let mut blocks = vec![Block::Text(format!("The prefecture wrote to you about your application no. {file_number}."))];
            if let Some(day) = awaiting {
                blocks.push(Block::Text(format!("An answer from you is expected before {day}.")));
            }
            blocks.push(Block::Text("Log in to your account to read the message and answer it.".into()));
            blocks.push(Block::Link { label: "Read the message", url: thread_url });
            compose(lang, format!("You have a new message ({file_number})"), blocks)
        }
    }
}

/// To the agent in charge of a file (or, before anyone took it, the prefecture's agents) when
/// its applicant wrote. The back-office is in French.
pub fn message_from_applicant(file_number: &str, file_url: String) -> EmailContent {
    compose(
        Lang::Fr,
        format!("Nouveau message de l'usager ({file_number})"),
        vec![
            Block::Text(format!("L'usager a écrit au sujet du dossier n° {file_number}.")),
            Block::Link { label: "Lire le message dans le dossier", url: file_url },
        ],
    )
}

/// What the appointment e-mails say.
pub struct AppointmentMail {
    pub file_number: String,
    /// `DD/MM/YYYY`.
    pub day: String,
    /// `HH:MM`, Paris time.
    pub time: String,
    /// The prefecture's name and address.
    pub office: String,
}

/// The confirmation of a booking (or of its move), with the calendar file attached.
pub fn appointment_booked(lang: Lang, appointment: &AppointmentMail, moved: bool, page_url: String) -> EmailContent {
    let AppointmentMail { file_number, day, time, office } = appointment;
    match lang {
        Lang::Fr => compose(lang, format!("Rendez-vous {} : le {day} à {time}", if moved { "déplacé" } else { "confirmé" }), vec![
            Block::Text(format!("Votre rendez-vous pour retirer votre titre de séjour (demande n° {file_number}) est fixé le {day} à {time}, à : {office}.")),
            Block::Text("Venez en personne avec votre passeport et la confirmation de dépôt de votre demande. Le fichier joint ajoute le rendez-vous à votre agenda. Vous pouvez le déplacer ou l'annuler jusqu'à la veille.".into()),
            Block::Link { label: "Voir ou modifier mon rendez-vous", url: page_url },
        ]),
        Lang::En => compose(lang, format!("Appointment {}: {day} at {time}", if moved { "moved" } else { "confirmed" }), vec![
            Block::Text(format!("Your appointment to collect your residence permit (application no. {file_number}) is on {day} at {time}, at: {office}.")),
            Block::Text("Come in person with your passport and the filing receipt of your application. The attached file adds the appointment to your calendar. You can move or cancel it until the day before.".into()),
            Block::Link { label: "See or change my appointment", url: page_url },
        ]),
    }
}

/// The reminder the day before the appointment.
pub fn appointment_reminder(lang: Lang, appointment: &AppointmentMail, page_url: String) -> EmailContent {
    let AppointmentMail { file_number, day, time, office } = appointment;
    match lang {
        Lang::Fr => compose(lang, format!("Rappel : rendez-vous demain à {time}"), vec![
            Block::Text(format!("Demain, le {day} à {time}, vous avez rendez-vous à {office} pour retirer votre titre de séjour (demande n° {file_number}).")),
            Block::Text("Venez en personne avec votre passeport et la confirmation de dépôt de votre demande.".into()),
            Block::Link { label: "Voir mon rendez-vous", url: page_url },
        ]),
        Lang::En => compose(lang, format!("Reminder: appointment tomorrow at {time}"), vec![
            Block::Text(format!("Tomorrow, {day} at {time}, you have an appointment at {office} to collect your residence permit (application no. {file_number}).")),
            Block::Text("Come in person with your passport and the filing receipt of your application.".into()),
            Block::Link { label: "See my appointment", url: page_url },
        ]),
    }
}

/// To the agent in charge: the file they sent back for correction came back. The back-office
/// is in French.
pub fn corrected(file_number: &str, file_url: String) -> EmailContent {
    compose(
        Lang::Fr,
        format!("Dossier {file_number} corrigé par l'usager"),
        vec![
            Block::Text(format!("L'usager a corrigé le dossier n° {file_number} que vous lui aviez renvoyé : il revient en instruction. Ses modifications sont listées dans le dossier, avant et après.")),
            Block::Link { label: "Ouvrir le dossier", url: file_url },
        ],
    )
}

/// To a prefecture's agents: files whose implicit-rejection day is near (`(file number, day)`).
/// The back-office is in French.
pub fn implicit_decisions_soon(files: &[(String, String)], days: i64, queue_url: String) -> EmailContent {
    let list = files.iter().map(|(number, day)| format!("{number} : décision implicite de rejet le {day}")).collect::<Vec<_>>().join("\n");
    compose(
        Lang::Fr,
        format!("{} dossier(s) atteignent leur délai de décision dans {days} jours", files.len()),
        vec![
            Block::Text(format!(
                "Sans décision de votre part, le silence gardé vaudra rejet implicite (CESEDA R432-2) pour ces dossiers :\n{list}"
            )),
            Block::Link { label: "Ouvrir la file des dossiers", url: queue_url },
        ],
    )
}

/// Sent when the instruction moves the file on (decision, card produced…): the details are in
/// the account, where the applicant logs in to read them.
pub fn file_update(lang: Lang, file_number: &str, news: &str, account_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(
            lang,
            format!("Votre demande {file_number} a évolué"),
            vec![
                Block::Text(format!("Votre demande n° {file_number} a évolué : {news}.")),
                Block::Text(
                    "Connectez-vous à votre compte pour en prendre connaissance et télécharger les documents mis à votre disposition."
                        .into(),
                ),
                Block::Link { label: "Accéder à mon compte", url: account_url },
            ],
        ),
        Lang::En => compose(
            lang,
            format!("Your application {file_number} has moved on"),
            vec![
                Block::Text(format!("Your application no. {file_number} has moved on: {news}.")),
                Block::Text("Log in to your account to read about it and download the documents made available to you.".into()),
                Block::Link { label: "Go to my account", url: account_url },
            ],
        ),
    }
}

/// Sent when the card is ready: where to collect it, and that an appointment is needed.
pub fn card_available(lang: Lang, file_number: &str, prefecture: &str, address: &str, account_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, format!("Votre titre de séjour est disponible ({file_number})"), vec![
            Block::Text(format!("Votre titre de séjour (demande n° {file_number}) est disponible à : {prefecture}, {address}.")),
            Block::Text("Prenez rendez-vous pour le retirer depuis votre compte. Présentez-vous en personne avec votre passeport, la confirmation de dépôt de votre demande et, pour un renouvellement, votre titre actuel. Un timbre fiscal peut être demandé.".into()),
            Block::Link { label: "Accéder à mon compte", url: account_url },
        ]),
        Lang::En => compose(lang, format!("Your residence permit is ready ({file_number})"), vec![
            Block::Text(format!("Your residence permit (application no. {file_number}) is ready for collection at: {prefecture}, {address}.")),
            Block::Text("Book an appointment to collect it from your account. Come in person with your passport, the filing receipt of your application and, for a renewal, your current permit. A tax stamp may be required.".into()),
            Block::Link { label: "Go to my account", url: account_url },
        ]),
    }
}

/// Sent to the new address when the applicant asks to change the account's e-mail.
pub fn email_change_confirmation(lang: Lang, link: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Confirmez votre nouvelle adresse électronique".into(), vec![
            Block::Text("Vous avez demandé à utiliser cette adresse pour votre compte Étrangers en France. Pour la confirmer, cliquez sur le lien ci-dessous. Il est valable 48 heures et ne peut servir qu'une fois ; jusque-là, les messages continuent d'aller à votre ancienne adresse.".into()),
            Block::Link { label: "Confirmer ma nouvelle adresse", url: link },
            Block::Text("Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.".into()),
        ]),
        Lang::En => compose(lang, "Confirm your new e-mail address".into(), vec![
            Block::Text("You asked to use this address for your Foreigners in France account. To confirm it, click the link below. It is valid for 48 hours and can be used only once; until then, messages still go to your former address.".into()),
            Block::Link { label: "Confirm my new address", url: link },
            Block::Text("If you did not make this request, ignore this message.".into()),
        ]),
    }
}

/// First of the two e-mails of a registration in AGDREF: the identifier alone (the temporary
/// password comes in a separate message, so one intercepted e-mail does not open the account).
pub fn agdref_identifier(lang: Lang, numero_etranger: &str, login_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Votre identifiant de connexion".into(), vec![
            Block::Text("La préfecture qui instruit votre demande vous a enregistré dans le fichier des étrangers en France (AGDREF). Votre compte est maintenant créé.".into()),
            Block::Text(format!("Votre identifiant de connexion est votre numéro étranger : {numero_etranger}")),
            Block::Text("Votre mot de passe provisoire vous est envoyé dans un autre courriel. À votre première connexion, vous devrez choisir un nouveau mot de passe. Vos démarches en cours restent dans votre compte.".into()),
            Block::Link { label: "Se connecter", url: login_url },
        ]),
        Lang::En => compose(lang, "Your login identifier".into(), vec![
            Block::Text("The prefecture examining your application has registered you in the register of foreigners in France (AGDREF). Your account is now created.".into()),
            Block::Text(format!("Your login identifier is your foreigner number: {numero_etranger}")),
            Block::Text("Your temporary password is sent to you in another e-mail. At your first login, you will have to choose a new password. Your ongoing applications remain in your account.".into()),
            Block::Link { label: "Log in", url: login_url },
        ]),
    }
}

/// Sent to the former address once the change is confirmed, so that a hijack does not go unnoticed.
pub fn email_changed(lang: Lang, contact_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "L'adresse électronique de votre compte a été modifiée".into(), vec![
            Block::Text("L'adresse électronique de votre compte Étrangers en France vient d'être remplacée. Les prochains messages iront à la nouvelle adresse.".into()),
            Block::Text("Si vous n'êtes pas à l'origine de ce changement, contactez-nous sans attendre.".into()),
            Block::Link { label: "Nous contacter", url: contact_url },
        ]),
        Lang::En => compose(lang, "The e-mail address of your account was changed".into(), vec![
            Block::Text("The e-mail address of your Foreigners in France account has just been replaced. Future messages will go to the new address.".into()),
            Block::Text("If you did not make this change, contact us at once.".into()),
            Block::Link { label: "Contact us", url: contact_url },
        ]),
    }
}

/// Second e-mail of a registration in AGDREF: the temporary password, without the identifier.
pub fn agdref_temporary_password(lang: Lang, password: &str, login_url: String) -> EmailContent {
    match lang {
        Lang::Fr => compose(lang, "Votre mot de passe provisoire".into(), vec![
            Block::Text(format!("Votre mot de passe provisoire est : {password}")),
            Block::Text("Connectez-vous avec l'identifiant reçu dans un autre courriel et ce mot de passe : vous devrez alors en choisir un nouveau. Ne communiquez jamais votre mot de passe.".into()),
            Block::Link { label: "Se connecter", url: login_url },
        ]),
        Lang::En => compose(lang, "Your temporary password".into(), vec![
            Block::Text(format!("Your temporary password is: {password}")),
            Block::Text("Log in with the identifier received in another e-mail and this password: you will then have to choose a new one. Never share your password.".into()),
            Block::Link { label: "Log in", url: login_url },
        ]),
    }
}

/// The contact form's message, forwarded to the support team (always in French).
pub fn contact_forward(name: &str, email: &str, subject: &str, message: &str) -> EmailContent {
    compose(
        Lang::Fr,
        format!("[Contact] {subject}"),
        vec![Block::Text(format!("Message de {name} <{email}> :")), Block::Text(message.to_owned())],
    )
}

/// Sent to whatever address the form was given: it carries nothing the sender wrote but their
/// name, so the form cannot be used to send someone else a message of one's own.
pub fn contact_acknowledgement(lang: Lang, name: &str) -> EmailContent {
    match lang {
        Lang::Fr => compose(
            lang,
            "Nous avons bien reçu votre message".into(),
            vec![Block::Text(format!(
                "Bonjour {name}, votre message a bien été reçu. Le centre de contact citoyens vous répondra par courriel."
            ))],
        ),
        Lang::En => compose(
            lang,
            "We have received your message".into(),
            vec![Block::Text(format!(
                "Hello {name}, your message has been received. The citizens' contact centre will answer you by e-mail."
            ))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_carry_the_link_and_escape_html() {
        let content = activation_title_holder(Lang::Fr, "http://x/compte/activation?jeton=a&b".into());
        assert!(content.text.contains("http://x/compte/activation?jeton=a&b"));
        assert!(content.html.contains("jeton=a&amp;b\""));
        assert!(content.html.contains("<html lang=\"fr\">"));
        let content = contact_forward("<script>", "a@b.fr", "Objet", "x < y");
        assert!(content.html.contains("&lt;script&gt;"));
        assert!(content.html.contains("x &lt; y"));
    }

    #[test]
    fn the_registration_mails_carry_one_secret_each() {
        for lang in [Lang::Fr, Lang::En] {
            let identifier = agdref_identifier(lang, "9112345678", "http://x/connexion".into());
            let password = agdref_temporary_password(lang, "Ab3#cd4@EF5g", "http://x/connexion".into());
            assert!(identifier.text.contains("9112345678") && identifier.html.contains("9112345678"));
            assert!(!identifier.text.contains("Ab3#cd4@EF5g"));
            assert!(password.text.contains("Ab3#cd4@EF5g") && password.html.contains("Ab3#cd4@EF5g"));
            assert!(!password.text.contains("9112345678"));
            assert_ne!(identifier.subject, password.subject);
        }
    }

    #[test]
    fn english_versions_exist() {
        let fr = password_reset(Lang::Fr, "u".into());
        let en = password_reset(Lang::En, "u".into());
        assert_ne!(fr.subject, en.subject);
        assert!(en.html.contains("<html lang=\"en\">"));
    }
}
