//! The interface's sentences, French first, English second.

use super::Lang;

macro_rules! messages {
    ($($key:ident => $fr:expr, $en:expr;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key,)* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$key => match lang { Lang::Fr => $fr, Lang::En => $en },)*
                }
            }
        }
    };
}

messages! {
    // Proof of lawful stay
    StayRenewalWindow => "Votre titre expire le {expires} ; déposez votre demande de renouvellement entre le {opens} et le {closes}.", "Your permit expires on {expires}; file your renewal application between {opens} and {closes}.";
    StayRenewalLate => "Votre titre expire le {expires} ; le délai de dépôt de votre demande de renouvellement a pris fin le {closes}. Déposez-la sans attendre : une demande tardive ne donne pas droit à l'attestation de prolongation d'instruction, et votre séjour ne sera plus couvert après le {expires}.", "Your permit expires on {expires}; the period to file your renewal application ended on {closes}. File it without delay: a late application does not give the attestation extending your stay during the review, and your stay will no longer be covered after {expires}.";
    StayRenewalExpired => "Votre titre a expiré le {expires}. Une demande de renouvellement déposée maintenant est tardive : elle ne donne pas droit à l'attestation de prolongation d'instruction.", "Your permit expired on {expires}. A renewal application filed now is late: it does not give the attestation extending your stay during the review.";
    StayRenewalFiled => "Votre titre expire le {expires} ; votre demande de renouvellement est déposée.", "Your permit expires on {expires}; your renewal application is filed.";
    StayProofsTitle => "Prouver ma situation", "Prove my status";
    StayRemindersLabel => "Recevoir un rappel avant l'expiration de mon titre", "Get a reminder before my permit expires";
    StayRemindersHint => "Par courriel et dans vos notifications, {days} jours avant l'expiration, tant qu'aucune demande de renouvellement n'est déposée.", "By e-mail and in your notifications, {days} days before expiry, as long as no renewal application is filed.";
    StayRemindersOn => "Rappels activés.", "Reminders turned on.";
    StayRemindersOff => "Rappels désactivés.", "Reminders turned off.";
    StayRemindersFailed => "Le réglage n'a pas pu être enregistré. Réessayez.", "The setting could not be saved. Try again.";
    StayShareTitle => "Codes de partage", "Share codes";
    StayShareIntro => "Un code de partage permet à un employeur, un bailleur ou un service social de vérifier votre situation sur la page {page}, avec votre date de naissance, pendant {days} jours. Il ne montre que votre nom, votre nationalité et votre titre ou votre demande en cours. Vous pouvez le révoquer à tout moment et voir quand il a été utilisé.", "A share code lets an employer, a landlord or a social service check your status on the page {page}, with your date of birth, for {days} days. It shows only your name, your nationality and your permit or pending application. You can revoke it at any time and see when it was used.";
    StaySharePurpose => "Pour qui ?", "For whom?";
    StayShareCreate => "Créer un code", "Create a code";
    StayShareCreated => "Votre code de partage, valable jusqu'au {until} :", "Your share code, valid until {until}:";
    StayShareColCode => "Code", "Code";
    StayShareColCreated => "Créé le", "Created on";
    StayShareColUntil => "Valable jusqu'au", "Valid until";
    StayShareColChecks => "Vérifications", "Checks";
    StayShareActive => "Actif", "Active";
    StayShareRevoked => "Révoqué", "Revoked";
    StayShareExpired => "Expiré", "Expired";
    StayShareRevoke => "Révoquer", "Revoke";
    StayShareRevokeCode => "Révoquer le code {code}", "Revoke code {code}";
    StayShareNoCheck => "Aucune", "None";
    StayAttestationIssued => "Votre attestation de prolongation d'instruction, valable jusqu'au {until}, vous a été envoyée avec la confirmation de dépôt. Elle prouve la régularité de votre séjour et vous conserve vos droits jusqu'à la décision ; elle sera renouvelée automatiquement.", "Your attestation extending your stay during the review, valid until {until}, was sent to you with the filing receipt. It proves that your stay is lawful and keeps your rights until the decision; it will be renewed automatically.";
    StayAttestationLate => "Votre demande a été déposée après le {closed}, fin du délai de dépôt d'une demande de renouvellement (entre 4 et 2 mois avant l'expiration du titre) : elle est tardive, et ne donne donc pas droit à l'attestation de prolongation d'instruction. Vous recevez la confirmation de dépôt seulement.", "Your application was filed after {closed}, the end of the period for filing a renewal (between 4 and 2 months before the permit expires): it is late, and so does not give the attestation extending your stay during the review. You receive the filing receipt only.";
    StayAttestationAfterCheck => "Votre attestation de prolongation d'instruction vous sera envoyée dès que la préfecture aura pris votre dossier en charge.", "Your attestation extending your stay during the review will be sent to you as soon as the prefecture takes up your file.";
    StayImplicitDecision => "Sans décision d'ici le {day}, votre demande sera considérée comme rejetée (décision implicite de rejet, CESEDA R432-2). Vous pourrez alors demander les motifs de ce refus dans les 2 mois, et le contester par un recours gracieux auprès du préfet, un recours hiérarchique auprès du ministre de l'Intérieur, ou un recours devant le tribunal administratif, dans les 2 mois.", "Without a decision by {day}, your application will be considered rejected (implicit rejection, CESEDA R432-2). You may then ask for the reasons within 2 months, and challenge it within 2 months by asking the prefect to reconsider, by appealing to the Minister of the Interior, or before the administrative court.";
    StayImplicitSuspended => "Le délai de décision est suspendu jusqu'à la réception des pièces demandées ; il repart pour 4 mois à partir de leur réception.", "The decision period is suspended until the requested documents are received; it starts again for 4 months from their receipt.";
    StayAttestationInForce => "Attestation de prolongation d'instruction valable jusqu'au {until}.", "Attestation extending your stay during the review valid until {until}.";
    ProceduresCardReady => "Avis de mise à disposition du titre", "Notice that the permit is ready";
    ProceduresProlongation => "Attestation de prolongation d'instruction", "Attestation extending stay during review";
    DelaysTitle => "Délais de traitement des préfectures", "Prefectures' processing times";
    DelaysIntro => "Pour chaque démarche, le temps qu'ont pris les décisions de la préfecture au cours des {days} derniers jours, entre le dépôt et la décision, et le nombre de dossiers qui attendent d'être pris en charge. Les chiffres ne sont pas affichés quand trop peu de décisions ont été rendues.", "For each procedure, how long the prefecture's decisions of the last {days} days took, from filing to decision, and how many files wait to be taken up. The figures are not shown when too few decisions were made.";
    DelaysPrefecture => "Préfecture ou sous-préfecture", "Prefecture or sub-prefecture";
    DelaysShow => "Afficher les délais", "Show the times";
    DelaysMedian => "Une décision sur deux en moins de", "Half the decisions within";
    DelaysNinth => "Neuf décisions sur dix en moins de", "Nine decisions in ten within";
    DelaysCount => "Décisions comptées", "Decisions counted";
    DelaysWaiting => "Dossiers en attente", "Files waiting";
    DelaysDays => "{days} jours", "{days} days";
    DelaysTooFew => "Trop peu de décisions", "Too few decisions";
    TrackerTitle => "Où en est ma demande ?", "Where is my application?";
    TrackerReached => "le {day}", "on {day}";
    TrackerCurrent => "étape en cours", "current stage";
    TrackerEstimate => "D'après les {count} dernières décisions de la préfecture pour cette démarche, la décision est attendue entre le {from} et le {to}.", "From the prefecture's last {count} decisions for this procedure, the decision is expected between {from} and {to}.";
    TrackerNoEstimate => "La préfecture n'a pas rendu assez de décisions récemment pour cette démarche pour en estimer le délai.", "The prefecture has not made enough recent decisions for this procedure to estimate the time.";
    TrackerPosition => "Votre dossier est le n° {position} parmi ceux qui attendent d'être pris en charge pour cette démarche.", "Your file is no. {position} among those waiting to be taken up for this procedure.";
    TrackerAllDelays => "Délais de toutes les préfectures", "Every prefecture's processing times";
    VerifyTitle => "Vérifier une situation ou un document", "Check a status or a document";
    VerifyIntro => "Employeurs, bailleurs, services sociaux : vérifiez ici la situation d'une personne avec le code de partage qu'elle vous a remis et sa date de naissance, ou l'authenticité d'un document avec son code de vérification. Aucun compte n'est nécessaire.", "Employers, landlords, social services: check here a person's status with the share code they gave you and their date of birth, or a document's authenticity with its verification code. No account is needed.";
    VerifyStatusTitle => "Vérifier la situation d'une personne", "Check a person's status";
    VerifyCode => "Code de partage", "Share code";
    VerifyCodeHint => "9 caractères, par exemple ABC-DEF-GHJ", "9 characters, for example ABC-DEF-GHJ";
    VerifyBirthDate => "Date de naissance de la personne", "The person's date of birth";
    VerifySubmit => "Vérifier", "Check";
    VerifyNotFound => "Ce code n'est pas valide pour cette date de naissance : il est peut-être mal saisi, expiré ou révoqué. Vérifiez votre saisie ou demandez un nouveau code à la personne.", "This code is not valid for this date of birth: it may be mistyped, expired or revoked. Check what you typed or ask the person for a new code.";
    VerifyResultTitle => "Résultat de la vérification", "Result of the check";
    VerifyName => "Nom et prénoms", "Full name";
    VerifyNationality => "Nationalité", "Nationality";
    VerifyStanding => "Situation", "Status";
    VerifyCheckedOn => "Vérifié le", "Checked on";
    VerifyTitleHeld => "Titulaire d'un titre de séjour « {title} » valable jusqu'au {until}.", "Holds a residence permit \"{title}\" valid until {until}.";
    VerifyPendingCovered => "Demande « {procedure} » déposée le {filed}, en cours d'instruction. Son séjour est régulier : attestation de prolongation d'instruction valable jusqu'au {until}.", "Application \"{procedure}\" filed on {filed}, being examined. Their stay is lawful: attestation extending their stay during the review valid until {until}.";
    VerifyPending => "Demande « {procedure} » déposée le {filed}, en cours d'instruction. Aucune attestation de prolongation d'instruction n'est en cours de validité.", "Application \"{procedure}\" filed on {filed}, being examined. No attestation extending their stay during the review is in force.";
    VerifyNothing => "Le service ne dispose d'aucun titre ni d'aucune demande en cours pour cette personne.", "The service holds no valid permit and no pending application for this person.";
    VerifyDocumentTitle => "Vérifier un document", "Check a document";
    VerifyDocumentCode => "Code de vérification imprimé sur le document", "Verification code printed on the document";
    VerifyDocumentSubmit => "Vérifier le document", "Check the document";
    VerifyDocumentResult => "Document vérifié", "Document checked";
    VerifyDocumentUnknown => "Aucun document délivré par le service ne porte ce code : ce document n'est pas authentique, ou le code est mal saisi.", "No document issued by the service carries this code: this document is not authentic, or the code is mistyped.";
    VerifyDocumentValid => "Document authentique et en cours de validité", "Authentic document, currently valid";
    VerifyDocumentNotValid => "Document authentique, mais qui n'est plus valable", "Authentic document, but no longer valid";
    VerifyDocumentKind => "Document", "Document";
    VerifyIssuedOn => "Délivré le", "Issued on";
    VerifyValidUntil => "Valable jusqu'au", "Valid until";
    // Layout
    ServiceName => "Étrangers en France", "Foreigners in France";
    ServiceTagline => "Direction générale des étrangers en France", "Directorate-General for Foreigners in France";
    Ministry => "Ministère de l'Intérieur", "Ministry of the Interior";
    HomeLinkTitle => "Accueil – Étrangers en France", "Home – Foreigners in France";
    SkipToContent => "Contenu", "Content";
    SkipToMenu => "Menu", "Menu";
    SkipToFooter => "Pied de page", "Footer";
    SkipLinksLabel => "Accès rapide", "Quick access";
    ContactUs => "Nous contacter", "Contact us";
    NeedHelp => "Besoin d'aide ?", "Need help?";
    LogIn => "Se connecter", "Log in";
    LogOut => "Se déconnecter", "Log out";
    MyAccount => "Accéder à mon compte", "Go to my account";
    MyProcedures => "Mes démarches", "My applications";
    UserMenuLabel => "Menu de mon compte", "My account menu";
    Menu => "Menu", "Menu";
    CloseMenu => "Fermer", "Close";
    MainNavLabel => "Menu principal", "Main menu";
    NavHome => "Accueil", "Home";
    NavRequestTitle => "Demander un titre de séjour", "Apply for a residence permit";
    LanguageSelect => "Sélectionner une langue", "Select a language";
    LanguageSwitchCurrent => "Langue : français", "Language: English";
    BreadcrumbLabel => "vous êtes ici :", "you are here:";
    BreadcrumbShow => "Voir le fil d'Ariane", "Show the breadcrumb";
    FooterContact => "Contact", "Contact";
    FooterLegal => "Mentions légales", "Legal notice";
    FooterPrivacy => "Données personnelles", "Personal data";
    FooterAccessibility => "Accessibilité : partiellement conforme", "Accessibility: partially compliant";
    FooterHelp => "Aide", "Help";
    FooterDescription => "Service en ligne de demande de titre de séjour pour les étrangers en France.", "Online residence-permit application service for foreigners in France.";
    NotFoundTitle => "Page introuvable", "Page not found";
    NotFoundText => "La page que vous cherchez n'existe pas ou a été déplacée.", "The page you are looking for does not exist or has moved.";
    BackHome => "Retour à l'accueil", "Back to the home page";
    Loading => "Chargement…", "Loading…";
    RequiredFieldsNote => "Les champs marqués d'un * sont obligatoires.", "Fields marked with * are required.";
    Optional => "facultatif", "optional";
    ShowPassword => "Afficher le mot de passe", "Show password";
    ErrorSummaryTitle => "Le formulaire contient des erreurs", "The form contains errors";
    ErrorSummaryIntro => "Corrigez les champs suivants :", "Please correct the following fields:";
    Day => "Jour", "Day";
    Month => "Mois", "Month";
    Year => "Année", "Year";
    DateHint => "Exemple : 14 3 2026", "For example: 14 3 2026";

    // Generic errors
    ErrInternal => "Une erreur inattendue est survenue. Votre saisie est conservée ; réessayez dans quelques instants.", "An unexpected error occurred. What you typed is kept; please try again in a moment.";
    ErrUnavailable => "Ce service est momentanément indisponible. Vous pouvez continuer votre saisie.", "This service is temporarily unavailable. You can go on filling in the form.";
    ErrNetwork => "Le service est injoignable. Vérifiez votre connexion internet puis réessayez ; votre saisie est conservée.", "The service cannot be reached. Check your internet connection and try again; what you typed is kept.";
    ErrUnauthenticated => "Votre session a expiré. Connectez-vous pour continuer.", "Your session has expired. Please log in to continue.";
    ErrForbidden => "Vous n'avez pas accès à cette page.", "You do not have access to this page.";
    ErrNotFound => "L'élément demandé est introuvable.", "The requested item cannot be found.";
    ErrRateLimited => "Trop de tentatives. Pour votre sécurité, patientez quelques minutes avant de réessayer.", "Too many attempts. For your security, wait a few minutes before trying again.";
    ErrInvalidCredentials => "Identifiant ou mot de passe incorrect.", "Incorrect identifier or password.";
    ErrDocumentNotRecognised => "Nous n'avons pas pu vérifier ces informations. Vérifiez le numéro et les dates de validité tels qu'ils figurent sur votre titre ou votre visa.", "We could not verify this information. Check the number and the validity dates exactly as they appear on your title or visa.";
    ErrLinkInvalid => "Ce lien n'est plus valide : il a déjà été utilisé ou il a expiré.", "This link is no longer valid: it has already been used or it has expired.";
    ErrTemporaryPasswordExpired => "Ce mot de passe provisoire a expiré. Usager : demandez-en un nouveau avec « Mot de passe oublié ». Agent : adressez-vous à votre administrateur.", "This temporary password has expired. Applicants: ask for a new one with \"Forgotten password\". Agents: ask your administrator.";
    ErrSignupExpired => "Votre demande de création de compte a expiré. Merci de recommencer.", "Your account-creation request has expired. Please start again.";
    ErrPasswordChangeRequired => "Vous devez d'abord remplacer votre mot de passe provisoire.", "You must first replace your temporary password.";
    ErrWrongCurrentPassword => "Le mot de passe actuel est incorrect.", "The current password is incorrect.";
    ErrConflict => "Cette action n'est plus possible : la situation a changé entre-temps. Rechargez la page.", "This action is no longer possible: the situation has changed in the meantime. Reload the page.";

    // Validation messages
    ErrRequired => "Ce champ est obligatoire.", "This field is required.";
    ErrTooLong => "Ce champ ne peut pas dépasser {max} caractères.", "This field cannot be longer than {max} characters.";
    ErrIncompleteDate => "La date est incomplète : indiquez le jour, le mois et l'année.", "The date is incomplete: enter the day, the month and the year.";
    ErrInvalidDate => "Cette date n'existe pas. Format attendu : jour, mois, année sur 4 chiffres (ex. 14 3 2026).", "This date does not exist. Expected format: day, month, 4-digit year (e.g. 14 3 2026).";
    ErrDateInFuture => "La date ne peut pas être dans le futur.", "The date cannot be in the future.";
    ErrEndBeforeStart => "La date de fin de validité doit être postérieure à la date de début.", "The end of validity must be after the start of validity.";
    ErrInvalidDocumentNumber => "Le numéro doit comporter de 9 à 12 lettres ou chiffres, sans espace (ex. 9999999999).", "The number must have 9 to 12 letters or digits, without spaces (e.g. 9999999999).";
    ErrInvalidNumeroEtranger => "L'identifiant est votre numéro étranger : 10 chiffres (ex. 7512345678).", "Your identifier is your foreigner number: 10 digits (e.g. 7512345678).";
    ErrInvalidEmail => "Adresse électronique invalide. Format attendu : nom@domaine.fr", "Invalid e-mail address. Expected format: name@domain.com";
    ErrFileTooLarge => "Ce fichier dépasse {max} Mo. Réduisez sa taille (par exemple en le numérisant en noir et blanc ou à une résolution plus basse) puis joignez-le à nouveau.", "This file is larger than {max} MB. Reduce its size (for example by scanning it in black and white or at a lower resolution), then join it again.";
    ErrFileTypeNotAccepted => "Ce fichier n'est pas au format JPG, PNG, BMP, TIFF ou PDF (son contenu a été vérifié, pas seulement son nom).", "This file is not a JPG, PNG, BMP, TIFF or PDF file (its content was checked, not only its name).";
    ErrFileEmpty => "Ce fichier est vide.", "This file is empty.";
    ErrAccountStorageFull => "Les fichiers joints à vos demandes atteignent {max} Mo au total. Supprimez les fichiers inutiles (doublons, brouillons abandonnés) ou réduisez leur taille, puis joignez celui-ci à nouveau.", "The files joined to your applications reach {max} MB in all. Remove the files you do not need (duplicates, abandoned drafts) or reduce their size, then join this one again.";
    ErrTooManyFiles => "Vous avez déjà joint {max} fichiers pour ce justificatif : supprimez-en un pour en joindre un autre.", "You have already joined {max} files for this document: remove one to join another.";
    ErrInvalidShareCode => "Le code comporte 9 caractères : des chiffres de 2 à 9 et des lettres, sans O, I ni L (par exemple ABC-DEF-GHJ).", "The code has 9 characters: digits from 2 to 9 and letters, without O, I or L (for example ABC-DEF-GHJ).";
    ErrInvalidChoice => "Choisissez une des valeurs proposées dans la liste.", "Choose one of the values offered in the list.";
    ErrProcedureNotOffered => "Cette démarche ne vous est pas proposée en ligne : choisissez-en une parmi celles de la page « Je demande ou renouvelle un titre de séjour », ou adressez-vous à votre préfecture.", "This procedure is not offered to you online: choose one of those on the page \"I apply for or renew a residence permit\", or contact your prefecture.";
    ErrInvalidPhone => "Numéro de téléphone mobile invalide. Format attendu : 06 12 34 56 78 ou +33 6 12 34 56 78.", "Invalid mobile phone number. Expected format: 06 12 34 56 78 or +33 6 12 34 56 78.";
    ErrInvalidAmount => "Montant invalide. Indiquez un montant en euros, par exemple 615 ou 615,50.", "Invalid amount. Enter an amount in euros, for example 615 or 615.50.";
    ErrInvalidPostalCode => "Le code postal doit comporter 5 chiffres (ex. 91120).", "The postal code must have 5 digits (e.g. 91120).";
    ErrJustificationRequired => "Expliquez pourquoi vous maintenez ce document.", "Explain why you keep this document.";
    ErrNewFileRequired => "Joignez le nouveau document, ou choisissez de maintenir l'original.", "Join the new document, or choose to keep the original.";
    ErrTooManyItems => "Vous pouvez en indiquer {max} au plus.", "You can enter at most {max}.";
    ErrInvalidEphotoCode => "Le code e-photo comporte 22 lettres et chiffres (ex. AB12CD34EF56GH78IJ90KL).", "The e-photo code has 22 letters and digits (e.g. AB12CD34EF56GH78IJ90KL).";
    ErrInvalidInseeCode => "Le code commune INSEE comporte 5 caractères (ex. 91477 ou 2A004).", "The INSEE commune code has 5 characters (e.g. 91477 or 2A004).";
    ErrEmailMismatch => "Les deux adresses électroniques ne sont pas identiques.", "The two e-mail addresses are not the same.";
    ErrPasswordTooShort => "Le mot de passe doit contenir au moins 8 caractères.", "The password must be at least 8 characters long.";
    ErrPasswordTooLong => "Le mot de passe ne peut pas dépasser 64 caractères.", "The password cannot be longer than 64 characters.";
    ErrPasswordNeedsLowercase => "Le mot de passe doit contenir au moins une lettre minuscule.", "The password must contain at least one lowercase letter.";
    ErrPasswordNeedsUppercase => "Le mot de passe doit contenir au moins une lettre majuscule.", "The password must contain at least one uppercase letter.";
    ErrPasswordNeedsDigit => "Le mot de passe doit contenir au moins un chiffre.", "The password must contain at least one digit.";
    ErrPasswordNeedsSpecial => "Le mot de passe doit contenir au moins un caractère spécial parmi ! \" # $ % & ( ) * - / = > ? @ _", "The password must contain at least one special character among ! \" # $ % & ( ) * - / = > ? @ _";
    ErrPasswordForbiddenCharacter => "Le caractère {character} n'est pas autorisé. Utilisez uniquement des lettres sans accent, des chiffres et ! \" # $ % & ( ) * - / = > ? @ _", "The character {character} is not allowed. Use only unaccented letters, digits and ! \" # $ % & ( ) * - / = > ? @ _";
    SpaceCharacter => "espace", "space";
    ErrPasswordMismatch => "Les deux mots de passe ne sont pas identiques.", "The two passwords are not the same.";
    ErrPasswordUnchanged => "Le nouveau mot de passe doit être différent de l'actuel.", "The new password must be different from the current one.";

    // Password checklist
    PasswordRulesTitle => "Votre mot de passe doit contenir :", "Your password must contain:";
    PasswordRuleLength => "entre 8 et 64 caractères", "between 8 and 64 characters";
    PasswordRuleLowercase => "au moins une lettre minuscule", "at least one lowercase letter";
    PasswordRuleUppercase => "au moins une lettre majuscule", "at least one uppercase letter";
    PasswordRuleDigit => "au moins un chiffre", "at least one digit";
    PasswordRuleSpecial => "au moins un caractère spécial parmi ! \" # $ % & ( ) * - / = > ? @ _", "at least one special character among ! \" # $ % & ( ) * - / = > ? @ _";
    PasswordRuleOnlyAllowed => "aucun autre caractère (ni espace, ni accent, ni autre symbole)", "no other character (no space, accent or other symbol)";
    PasswordRuleMet => "règle respectée", "rule met";
    PasswordRuleNotMet => "règle non respectée", "rule not met";

    // Home
    HomeTitle => "Bienvenue sur le service en ligne des étrangers en France", "Welcome to the online service for foreigners in France";
    HomeIntro => "Ce service vous permet de demander ou de renouveler votre titre de séjour en ligne, de suivre votre demande et de recevoir la décision, depuis un téléphone, une tablette ou un ordinateur.", "This service lets you apply for or renew your residence permit online, follow your application and receive the decision, from a phone, a tablet or a computer.";
    HomeTileRequestTitle => "Je demande ou renouvelle un titre de séjour", "I apply for or renew a residence permit";
    HomeTileRequestDesc => "Première demande, renouvellement ou changement de statut.", "First application, renewal or change of status.";
    HomeTileAccountTitle => "Je crée mon compte", "I create my account";
    HomeTileMyAccountTitle => "Mon compte", "My account";
    HomeTileMyAccountDesc => "Vos coordonnées, votre adresse électronique et votre mot de passe.", "Your contact details, your e-mail address and your password.";
    HomeTileAccountDesc => "Avec le numéro et les dates de validité de votre visa ou de votre titre de séjour.", "With the number and validity dates of your visa or residence permit.";
    HomeTileHelpTitle => "J'ai besoin d'aide", "I need help";
    HomeTileHelpDesc => "Questions fréquentes et formulaire de contact.", "Frequently asked questions and contact form.";
    HomeGreeting => "Bonjour {name}", "Hello {name}";

    // Login page
    LoginPageTitle => "Connexion", "Log in";
    LoginExistingTitle => "Vous avez déjà un compte", "You already have an account";
    LoginIdentifier => "Identifiant (numéro étranger)", "Identifier (foreigner number)";
    LoginIdentifierHint => "10 chiffres, indiqués sur votre titre de séjour ou dans le courriel de création de votre compte.", "10 digits, shown on your residence permit or in your account-creation e-mail.";
    LoginPassword => "Mot de passe", "Password";
    LoginForgotPassword => "Mot de passe oublié ?", "Forgot your password?";
    LoginSubmit => "S'identifier", "Log in";
    LoginOr => "ou", "or";
    SignupTitle => "Créez votre compte", "Create your account";
    SignupIntro => "Vous n'avez pas encore de compte : identifiez-vous avec votre visa ou votre titre de séjour.", "You do not have an account yet: identify yourself with your visa or residence permit.";
    SignupNumber => "Numéro de votre visa ou de votre titre de séjour", "Number of your visa or residence permit";
    SignupNumberHint => "Ex : 9999999999", "E.g. 9999999999";
    SignupValidFrom => "Date de début de validité", "Start of validity";
    SignupValidTo => "Date de fin de validité", "End of validity";
    SignupSubmit => "Créer un compte", "Create an account";
    SignupWhereTitle => "Où trouver ces informations ?", "Where can I find this information?";
    SignupWhereTitleHolder => "Sur un titre de séjour délivré depuis juin 2020, le numéro figure au recto, en haut à droite ; les dates de validité figurent sous votre nom.", "On a residence permit issued since June 2020, the number is on the front, top right; the validity dates are under your name.";
    SignupWhereVisa => "Sur votre visa, le numéro figure en haut à droite de la vignette ; les dates de validité sont indiquées dans les cases « du » et « au ».", "On your visa, the number is at the top right of the sticker; the validity dates are in the \"from\" and \"until\" boxes.";

    // Account creation: e-mail step and confirmation page
    SignupEmailTitle => "Création de compte", "Account creation";
    SignupEmailIntro => "Votre visa ou votre titre de séjour a bien été reconnu. Indiquez l'adresse électronique à laquelle l'administration vous écrira.", "Your visa or residence permit has been recognised. Enter the e-mail address the administration will write to.";
    SignupEmail => "Adresse électronique", "E-mail address";
    SignupEmailHint => "Format attendu : nom@domaine.fr", "Expected format: name@domain.com";
    SignupEmailConfirm => "Confirmez l'adresse électronique", "Confirm the e-mail address";
    SignupEmailSubmit => "Valider", "Confirm";
    SignupStartAgain => "Recommencer", "Start again";
    SignupDoneTitle => "Demande de création de compte bien enregistrée.", "Account creation request registered.";
    SignupDoneText => "Un courriel vous a été envoyé afin de confirmer votre adresse électronique. Cliquez sur le lien qu'il contient dans les 48 heures.", "An e-mail has been sent to you to confirm your e-mail address. Click the link it contains within 48 hours.";
    SignupDoneTitleHolder => "Si vous êtes titulaire d'un titre de séjour, vous créerez ensuite votre mot de passe ; votre identifiant de connexion sera votre numéro étranger.", "If you hold a residence permit, you will then create your password; your login identifier will be your foreigner number.";
    SignupDoneVisaHolder => "Si vous êtes titulaire d'un visa, le lien vous donnera directement accès au dépôt de votre demande.", "If you hold a visa, the link will take you directly to the filing of your application.";
    SignupDoneSpam => "Vous ne trouvez pas le courriel ? Vérifiez le dossier des courriers indésirables (spams).", "Cannot find the e-mail? Check your spam folder.";

    // Activation link
    ActivationTitle => "Activation de votre compte", "Activating your account";
    ActivationPasswordIntro => "Votre adresse électronique est confirmée. Choisissez maintenant le mot de passe de votre compte.", "Your e-mail address is confirmed. Now choose the password of your account.";
    ActivationIdentifierIs => "Votre identifiant de connexion est votre numéro étranger : {numero}", "Your login identifier is your foreigner number: {numero}";
    NewPassword => "Mot de passe", "Password";
    NewPasswordConfirm => "Confirmez le mot de passe", "Confirm the password";
    CreatePasswordSubmit => "Créer mon mot de passe", "Create my password";
    ActivationVisaIntro => "Confirmez votre adresse électronique pour accéder au dépôt de votre demande de titre de séjour.", "Confirm your e-mail address to access the filing of your residence permit application.";
    ActivationVisaSubmit => "Confirmer mon adresse et déposer ma demande", "Confirm my address and file my application";
    ActivationInvalidHelp => "Vous pouvez recommencer la création de votre compte depuis la page de connexion : un nouveau lien vous sera envoyé.", "You can start the account creation again from the login page: a new link will be sent to you.";
    AccountCreatedTitle => "Votre compte a bien été créé.", "Your account has been created.";
    AccountCreatedText => "Vous pouvez maintenant vous connecter avec votre numéro étranger et votre mot de passe.", "You can now log in with your foreigner number and your password.";

    // Forgotten password
    ForgotTitle => "Mot de passe oublié", "Forgotten password";
    ForgotIntro => "Indiquez votre identifiant : si un compte y correspond, vous recevrez un lien pour choisir un nouveau mot de passe à l'adresse électronique de ce compte.", "Enter your identifier: if an account matches it, you will receive a link to choose a new password at that account's e-mail address.";
    ForgotSubmit => "Recevoir un lien", "Send me a link";
    ForgotSentTitle => "Demande prise en compte", "Request received";
    ForgotSentText => "Si un compte correspond à cet identifiant, un courriel contenant un lien valable 2 heures vient d'être envoyé à son adresse électronique.", "If an account matches this identifier, an e-mail with a link valid for 2 hours has just been sent to its e-mail address.";
    ResetTitle => "Choisir un nouveau mot de passe", "Choose a new password";
    ResetSubmit => "Enregistrer le nouveau mot de passe", "Save the new password";
    ResetDoneTitle => "Votre mot de passe a été modifié.", "Your password has been changed.";
    ResetDoneText => "Vous pouvez vous connecter avec votre nouveau mot de passe.", "You can log in with your new password.";
    ChangePasswordTitle => "Modifier votre mot de passe", "Change your password";
    ChangePasswordForcedIntro => "Vous vous êtes connecté avec un mot de passe provisoire. Pour protéger votre compte, choisissez votre propre mot de passe.", "You logged in with a temporary password. To protect your account, choose your own password.";
    CurrentPassword => "Mot de passe actuel", "Current password";
    ChangePasswordSubmit => "Modifier mon mot de passe", "Change my password";

    // Filing area (before the wizard)
    ProceduresTitle => "Mes démarches", "My applications";
    ProceduresWelcome => "Bienvenue {name}.", "Welcome {name}.";
    ProceduresStartTitle => "Je demande ou renouvelle un titre de séjour", "I apply for or renew a residence permit";
    ProceduresStartText => "Le dépôt d'une demande se fait en quelques étapes ; votre saisie est sauvegardée à chaque étape validée.", "Filing an application takes a few steps; what you enter is saved at each validated step.";
    ProceduresNotOpenYet => "Le formulaire de demande n'est pas encore ouvert. Vous serez informé par courriel de son ouverture.", "The application form is not open yet. You will be informed by e-mail when it opens.";
    ProceduresVisaHolderNote => "Vous êtes connecté avec votre visa : votre numéro étranger et votre mot de passe vous seront envoyés après l'instruction de votre demande.", "You are logged in with your visa: your foreigner number and your password will be sent to you after your application has been examined.";

    ProceduresNew => "Je demande ou renouvelle un titre de séjour", "Apply for or renew a residence permit";
    ProceduresNone => "Vous n'avez encore aucune demande.", "You have no application yet.";
    ProceduresMyFiles => "Mes demandes", "My applications";
    ProceduresColProcedure => "Démarche", "Procedure";
    ProceduresColStatus => "Statut", "Status";
    ProceduresColNumber => "Numéro de dossier", "File number";
    ProceduresColDate => "Déposée le", "Filed on";
    ProceduresColAction => "Action", "Action";
    ProceduresResume => "Reprendre ma demande", "Resume my application";
    ProceduresOpen => "Voir ma demande", "View my application";
    ProceduresAttestation => "Attestation de décision favorable (PDF)", "Favourable decision certificate (PDF)";
    ProceduresDocument => "Document (PDF)", "Document (PDF)";
    ProceduresReceipt => "Confirmation de dépôt (PDF)", "Filing receipt (PDF)";
    StatusOther => "En cours de traitement", "Being processed";

    // Orientation
    OrientationTitle => "Je demande ou renouvelle un titre de séjour", "Apply for or renew a residence permit";
    OrientationForWhom => "Pour qui faites-vous cette demande ?", "Who is this application for?";
    OrientationMyself => "Moi-même", "Myself";
    OrientationCurrent => "Vous êtes titulaire d'un titre de séjour en tant que « {label} ». Ce titre porte la mention « {mention} ».", "You hold a residence document as \"{label}\". It bears the mention \"{mention}\".";
    OrientationNoTitle => "Aucun titre de séjour n'est enregistré à votre nom.", "No residence permit is registered in your name.";
    OrientationWhat => "Que souhaitez-vous demander ?", "What do you want to apply for?";
    OrientationRenewal => "Je sollicite le renouvellement de ce titre", "I apply for the renewal of this permit";
    OrientationOther => "Je sollicite un autre titre de séjour", "I apply for another residence permit";
    OrientationWhich => "Quel titre de séjour ?", "Which residence permit?";
    OrientationTalent => "Je demande mon titre « passeport talent » (la sous-mention n'est pas inscrite sur mon visa)", "I apply for my \"talent passport\" permit (the sub-mention is not on my visa)";
    OrientationExpiredRenewal => "Votre titre de séjour a expiré le {date}. Son renouvellement devait être demandé dans les deux mois précédant cette date : vous pouvez encore le demander ici, mais votre demande est tardive et la préfecture en tiendra compte. Pour un autre titre, il ne compte plus comme un titre en cours de validité.", "Your residence permit expired on {date}. Its renewal had to be asked for in the two months before that date: you can still ask for it here, but your application is late and the prefecture will take it into account. For another permit, it no longer counts as a valid permit.";
    OrientationExpired => "Votre document a expiré le {date} : il ne compte plus pour les démarches qui demandent un titre ou un visa en cours de validité. Si aucune démarche ci-dessous ne vous est ouverte, adressez-vous à votre préfecture.", "Your document expired on {date}: it no longer counts for the procedures that require a valid permit or visa. If no procedure below is open to you, contact your prefecture.";
    OrientationMention => "Quelle est la sous-mention de votre passeport talent ?", "Which is the sub-mention of your talent passport?";
    OrientationNotOpen => "Cette démarche n'est pas encore ouverte en ligne.", "This procedure is not open online yet.";
    OrientationNotOpenInfo => "Les démarches grisées ne sont pas encore ouvertes en ligne : vous serez informé par courriel de leur ouverture. En attendant, adressez-vous à votre préfecture.", "The greyed-out procedures are not open online yet: you will be informed by e-mail when they open. Meanwhile, contact your prefecture.";
    OrientationStart => "Je commence", "Let's start";
    OrientationChooseFirst => "Choisissez le titre de séjour demandé.", "Choose the residence permit you apply for.";

    // Preamble
    PreambleTitle => "Avant de commencer", "Before you start";
    PreambleObservations => "Avant de commencer, prenez connaissance des étapes de votre démarche. Si vous souhaitez signaler des observations à l'administration (par exemple une erreur dans votre état civil), vous pourrez le faire à l'étape Récapitulatif, dans le champ « Observations à destination de l'administration ».", "Before you start, read the steps of your application. If you wish to tell the administration something (an error in your civil status, for example), you can do so at the Summary step, in the field \"Remarks for the administration\".";
    DocumentsEphotoTip => "Pour obtenir une e-photo, rendez-vous dans une cabine photo et choisissez le format « e-photo pour permis de conduire », ou chez un photographe agréé. Le code à saisir figure sur la planche remise.", "To get an e-photo, go to a photo booth and choose the \"e-photo pour permis de conduire\" (driving licence e-photo) format, or to an approved photographer. The code to type is on the sheet you are given.";
    PreambleSteps => "Les étapes de votre demande", "The steps of your application";
    PreambleSaved => "Votre saisie est sauvegardée à la validation de chaque étape : vous pouvez quitter la démarche et la reprendre plus tard à la dernière étape validée.", "What you enter is saved when you validate each step: you can leave and resume later at the last validated step.";
    PreambleFormats => "Formats acceptés pour les justificatifs : JPG, PNG, BMP, TIFF ou PDF, 10 Mo au plus par fichier, 3 fichiers au plus par justificatif.", "Accepted formats for supporting documents: JPG, PNG, BMP, TIFF or PDF, at most 10 MB per file and 3 files per document.";
    PreambleDocumentsList => "Télécharger la liste des justificatifs de cette démarche (PDF)", "Download the list of supporting documents for this procedure (PDF)";
    PreambleModels => "Modèles à télécharger", "Templates to download";
    PreambleEphoto => "Trouver une cabine ou un photographe agréé e-photo (site de l'ANTS)", "Find an approved e-photo booth or photographer (ANTS website)";
    PreambleContinue => "Je continue", "Continue";

    // Wizard
    WizardStepOf => "Étape {n} sur {total}", "Step {n} of {total}";
    WizardNextStep => "Étape suivante :", "Next step:";
    WizardBack => "Revenir à l'étape précédente", "Back to the previous step";
    WizardAbandon => "Abandonner la demande", "Abandon the application";
    WizardQuit => "Quitter et revenir plus tard", "Leave and come back later";
    WizardContinue => "Je continue", "Continue";
    WizardAbandonConfirm => "Voulez-vous vraiment abandonner cette demande ? Elle ne pourra pas être reprise.", "Do you really want to abandon this application? It cannot be resumed.";
    WizardAbandonYes => "Oui, abandonner la demande", "Yes, abandon the application";
    WizardAbandonNo => "Non, revenir à ma demande", "No, back to my application";
    WizardAbandoned => "Cette demande a été abandonnée.", "This application has been abandoned.";
    WizardOffline => "Connexion perdue. Continuez votre saisie : elle est conservée sur cet appareil et sera envoyée dès le retour de la connexion.", "Connection lost. Keep typing: what you enter is kept on this device and will be sent as soon as the connection is back.";
    WizardSyncPending => "Votre étape sera enregistrée dès le retour de la connexion.", "Your step will be saved as soon as the connection is back.";
    WizardRestored => "Nous avons restauré la saisie non enregistrée conservée sur cet appareil.", "We restored the unsaved input kept on this device.";
    WizardConflict => "Cette demande a été modifiée depuis un autre onglet ou un autre appareil. Rechargez la page pour reprendre la dernière version enregistrée.", "This application was changed in another tab or on another device. Reload the page to resume from the last saved version.";
    WizardReload => "Recharger la page", "Reload the page";
    WizardCivilStatus => "État civil", "Civil status";
    WizardCivilStatusNote => "Ces informations viennent de votre dossier. Si l'une d'elles est erronée, signalez-le dans les observations du récapitulatif.", "This information comes from your file. If any of it is wrong, say so in the observations of the summary.";
    WizardBirthName => "Nom de naissance", "Birth name";
    WizardGivenNames => "Prénom(s)", "Given name(s)";
    WizardSex => "Sexe", "Sex";
    WizardBirth => "Date et lieu de naissance", "Date and place of birth";
    WizardNationality => "Nationalité", "Nationality";
    WizardEmail => "Adresse électronique", "E-mail address";
    WizardSelect => "Sélectionnez une option", "Select an option";
    WizardYes => "Oui", "Yes";
    WizardNo => "Non", "No";
    WizardEuroHint => "En euros par mois, par exemple 615 ou 615,50.", "In euros per month, for example 615 or 615.50.";
    WizardTotal => "Total de vos ressources mensuelles : {total}", "Total of your monthly resources: {total}";
    WizardMinimum => "Le montant minimum attendu est de {minimum} par mois.", "The minimum expected is {minimum} per month.";
    WizardBelowMinimum => "Vos ressources sont inférieures au minimum attendu. Vous pouvez continuer : ce point sera examiné lors de l'instruction de votre demande.", "Your resources are below the expected minimum. You can continue: this will be examined when your application is processed.";
    WizardNotFound => "Cette demande est introuvable.", "This application cannot be found.";
    AddressSearch => "Rechercher votre adresse", "Search for your address";
    AddressSearchHint => "Saisissez le numéro, la voie et la commune, puis choisissez une proposition. Vous pouvez aussi remplir les champs ci-dessous.", "Type the number, street and town, then pick a suggestion. You can also fill in the fields below.";
    AddressSuggestions => "{count} adresse(s) proposée(s)", "{count} address(es) suggested";
    AddressChosen => "Adresse reprise dans les champs ci-dessous : {address}.", "Address filled in the fields below: {address}.";
    AddressUnavailable => "La recherche d'adresse est indisponible : remplissez les champs ci-dessous.", "Address search is unavailable: fill in the fields below.";
    AddressOverseas => "Vous résidez outre-mer et vous ne trouvez pas votre adresse ? Remplissez les champs ci-dessous.", "You live overseas and cannot find your address? Fill in the fields below.";

    // Documents step
    DocumentsPersonal => "Informations personnelles", "Personal information";
    DocumentsMotive => "Motif de séjour", "Reason for stay";
    DocumentsAdd => "Ajouter un fichier", "Add a file";
    DocumentsJoined => "Fichiers joints", "Joined files";
    DocumentsNone => "Aucun fichier joint.", "No file joined.";
    DocumentsView => "Voir", "View";
    DocumentsRemove => "Supprimer", "Remove";
    DocumentsUploading => "Envoi en cours : {percent} %", "Uploading: {percent}%";
    DocumentsUploaded => "Fichier « {name} » ajouté.", "File \"{name}\" added.";
    DocumentsRemoved => "Fichier « {name} » supprimé.", "File \"{name}\" removed.";
    DocumentsMissing => "Joignez au moins un fichier pour chaque justificatif demandé.", "Join at least one file for each required document.";
    DocumentsFull => "3 fichiers joints : supprimez-en un pour en ajouter un autre.", "3 files joined: remove one to add another.";
    DocumentsUploadFailed => "L'envoi a échoué. Vérifiez votre connexion et réessayez.", "The upload failed. Check your connection and try again.";
    DocumentsEphotoTitle => "Photo d'identité numérique (e-photo)", "Digital identity photo (e-photo)";

    // Recap
    RecapIntro => "Vérifiez chaque partie de votre demande, puis validez-la. Vous pourrez déposer votre demande quand toutes les parties seront validées.", "Check each part of your application, then validate it. You can file your application once every part is validated.";
    RecapCounter => "Parties validées : {n}/{total}", "Parts validated: {n}/{total}";
    RecapEdit => "Modifier ma saisie", "Edit my answers";
    RecapValidate => "Valider et vérifier la suite de ma saisie", "Validate and check the rest of my answers";
    RecapValidated => "Partie validée", "Part validated";
    RecapNotAnswered => "Non renseigné", "Not provided";
    RecapObservations => "Observations à destination de l'administration", "Remarks for the administration";
    RecapObservationsHint => "Facultatif. Par exemple une erreur dans votre état civil.", "Optional. For example an error in your civil status.";
    RecapSubmit => "Valider et transmettre ma demande", "Validate and send my application";
    RecapReopenedEdited => "Vous avez modifié cette partie : vérifiez-la puis validez-la de nouveau.", "You changed this part: check it, then validate it again.";
    RecapReopenedQuestions => "Votre modification ajoute ou retire des questions dans cette partie : complétez-la si besoin (« Modifier ma saisie ») puis validez-la de nouveau.", "Your change adds or removes questions in this part: complete it if needed (\"Edit my answers\"), then validate it again.";
    RecapReopenedDocuments => "Votre modification change les pièces justificatives demandées : joignez celles qui manquent (« Modifier ma saisie ») puis validez cette partie de nouveau.", "Your change alters the supporting documents asked for: join the missing ones (\"Edit my answers\"), then validate this part again.";
    RecapFinal => "Une fois transmise, votre demande ne peut plus être modifiée : vérifiez-la avant de la transmettre.", "Once sent, your application can no longer be changed: check it before sending it.";
    RecapSubmitDisabled => "Validez toutes les parties pour déposer votre demande.", "Validate every part to file your application.";
    RecapFiles => "{count} fichier(s)", "{count} file(s)";

    // Confirmation
    ConfirmationTitle => "Votre demande a bien été enregistrée", "Your application has been filed";
    ConfirmationText => "Votre demande n° {number} a été déposée le {at}. Elle est transmise à : {prefecture}.", "Your application no. {number} was filed on {at}. It has been sent to: {prefecture}.";
    ConfirmationMail => "Vous allez recevoir un accusé de réception par courriel, avec la confirmation de dépôt en pièce jointe. Vous la retrouvez aussi dans « Mes démarches ».", "You will receive an acknowledgement by e-mail, with the filing receipt attached. You also find it in \"My applications\".";
    ConfirmationSpam => "Si vous ne recevez pas ce courriel, vérifiez d'abord le dossier des courriers indésirables (spams) de votre messagerie. Si vous ne l'avez toujours pas, signalez-le-nous par la page", "If you do not receive this e-mail, first check the junk (spam) folder of your mailbox. If it is still not there, tell us through the page";
    ConfirmationDownload => "Télécharger la confirmation de dépôt (PDF)", "Download the filing receipt (PDF)";
    ConfirmationSocialSecurity => "Vous devez obligatoirement avoir une couverture sociale. Pour en savoir plus sur la couverture sociale, consultez le site", "You must have social-security cover. To learn more about social-security cover, see the website";
    ConfirmationDeadline => "Attention : connectez-vous régulièrement à votre compte pour suivre votre dossier. Si une pièce manque ou n'est pas recevable, vous recevez un courriel et disposez de {days} jours pour compléter votre dossier dans votre compte ; au-delà de ce délai, la demande est automatiquement clôturée.", "Important: log in to your account regularly to follow your file. If a document is missing or not acceptable, you receive an e-mail and have {days} days to complete your file in your account; after that, the application is closed automatically.";
    FeedbackLegend => "Je donne mon avis : ce dépôt en ligne a-t-il été facile ?", "I give my opinion: was filing online easy?";
    FeedbackRating1 => "1 – Très difficile", "1 – Very difficult";
    FeedbackRating2 => "2 – Difficile", "2 – Difficult";
    FeedbackRating3 => "3 – Ni facile ni difficile", "3 – Neither easy nor difficult";
    FeedbackRating4 => "4 – Facile", "4 – Easy";
    FeedbackRating5 => "5 – Très facile", "5 – Very easy";
    FeedbackComment => "Votre commentaire (facultatif)", "Your comment (optional)";
    FeedbackSend => "Envoyer mon avis", "Send my opinion";
    FeedbackThanks => "Merci : votre avis est enregistré. Il nous aide à améliorer ce service.", "Thank you: your opinion is recorded. It helps us improve this service.";
    ConfirmationNextTitle => "Et ensuite ?", "What next?";
    ConfirmationNext1 => "La préfecture instruit votre demande et peut vous demander des justificatifs complémentaires : vous serez prévenu par courriel.", "The prefecture examines your application and may ask for further documents: you will be told by e-mail.";
    ConfirmationNext2 => "Vous êtes informé de la décision dans votre compte et par courriel.", "You are informed of the decision in your account and by e-mail.";
    ConfirmationNext3 => "Si la décision est favorable, votre titre est fabriqué puis vous est remis en préfecture sur rendez-vous.", "If the decision is favourable, your permit is produced and then handed over to you at the prefecture by appointment.";
    ConfirmationBack => "Retour à mes démarches", "Back to my applications";

    // Complementary documents (applicant)
    ComplementTitle => "Demande de pièces complémentaires", "Request for additional documents";
    ComplementDeadline => "La préfecture vous a demandé le {requested} les pièces ci-dessous. Vous avez jusqu'au {deadline} inclus pour répondre ; passé ce délai, votre dossier sera clôturé.", "On {requested} the prefecture asked you for the documents below. You have until {deadline} included to answer; after that, your application will be closed.";
    ComplementDaysLeft => "Il vous reste {days} jour(s).", "{days} day(s) left.";
    ComplementLate => "Le délai est dépassé.", "The deadline has passed.";
    ComplementReason => "Motif de la demande :", "Reason for the request:";
    ComplementOriginal => "Document joint à votre demande :", "Document joined to your application:";
    ComplementKeep => "Maintenir le document", "Keep the document";
    ComplementReplace => "Joindre un nouveau document", "Join a new document";
    ComplementJustification => "Pourquoi maintenez-vous ce document ?", "Why do you keep this document?";
    ComplementMessage => "Message à la préfecture", "Message to the prefecture";
    ComplementSend => "Valider et envoyer", "Validate and send";
    ComplementSent => "Votre réponse a bien été transmise à la préfecture. Vous serez informé de la suite de l'instruction par courriel.", "Your answer has been sent to the prefecture. You will be informed by e-mail of what comes next.";
    ProceduresAnswerComplement => "Répondre à la demande de pièces", "Answer the request for documents";

    // Back-office
    AgentLoginTitle => "Espace agent – connexion", "Agents' area – log in";
    AgentLoginIntro => "Réservé aux agents des préfectures et sous-préfectures.", "For prefecture and sub-prefecture agents only.";
    AgentEmail => "Adresse électronique professionnelle", "Work e-mail address";
    AgentQueueTitle => "Dossiers de la préfecture", "The prefecture's files";
    AgentSearch => "Nom, numéro étranger ou numéro de dossier", "Name, foreigner number or file number";
    AgentAll => "Tous", "All";
    AgentFiledFrom => "Déposé à partir du", "Filed from";
    AgentFiledTo => "Déposé jusqu'au", "Filed until";
    AgentDeadlineBefore => "Échéance avant le", "Deadline before";
    AgentFilter => "Filtrer", "Filter";
    AgentResults => "{total} dossier(s)", "{total} file(s)";
    AgentApplicant => "Demandeur", "Applicant";
    AgentDeadline => "Échéance", "Deadline";
    AgentImplicitDecision => "Rejet implicite le", "Implicit rejection on";
    AgentImplicitSoon => "Décision implicite dans les 15 jours", "Implicit decision within 15 days";
    AgentImplicitOn => "Sans décision, rejet implicite le {day} (CESEDA R432-2)", "Without a decision, implicit rejection on {day} (CESEDA R432-2)";
    AgentPagination => "Pagination", "Pagination";
    AgentPrevious => "Page précédente", "Previous page";
    AgentNext => "Page suivante", "Next page";
    AgentFileTitle => "Dossier", "File";
    AgentBackToQueue => "Retour à la file des dossiers", "Back to the queue";
    AgentFiledAt => "Déposé le {at}, instruit par : {prefecture}.", "Filed on {at}, examined by: {prefecture}.";
    AgentNumeroEtranger => "Numéro étranger", "Foreigner number";
    AgentNoNumero => "Pas encore enregistré (titulaire d'un visa)", "Not registered yet (visa holder)";
    AgentDocuments => "Justificatifs", "Supporting documents";
    AgentHistory => "Historique", "History";
    AgentActions => "Actions", "Actions";
    AgentNote => "Commentaire (inscrit à l'historique)", "Comment (written in the history)";
    AgentNoteHint => "Facultatif, sauf pour un refus (motif).", "Optional, except for a refusal (reason).";
    AgentDone => "Action effectuée : {action}.", "Done: {action}.";
    AgentRequestComplement => "Demander des pièces complémentaires", "Request additional documents";
    AgentRequestWhich => "Pièces demandées (le délai de réponse est de 30 jours)", "Documents requested (30 days to answer)";
    AgentRequestReason => "Motif", "Reason";
    AgentRequestSend => "Envoyer la demande de pièces", "Send the request";
    AgentComplementDates => "Demande du {requested}, échéance le {deadline}.", "Requested on {requested}, deadline {deadline}.";
    AgentComplementAnswered => "L'usager a répondu.", "The applicant has answered.";
    AgentComplementWaiting => "En attente de la réponse de l'usager.", "Waiting for the applicant's answer.";
    AgentRefusal => "Refuser la demande", "Refuse the application";
    AgentRefusalReason => "Motif du refus", "Reason for the refusal";
    AgentRefusalDecision => "Décision de refus signée (PDF)", "Signed refusal decision (PDF)";
    AgentRefusalSend => "Refuser la demande et notifier l'usager", "Refuse and notify the applicant";
    ProceduresRefusal => "Décision de refus (PDF)", "Refusal decision (PDF)";
    AgentNoAction => "Aucune action n'est possible dans l'état actuel du dossier.", "No action is possible in the file's current state.";

    // Help, contact and legal pages
    HelpTitle => "Besoin d'aide ?", "Need help?";
    HelpIntro => "Les réponses aux questions les plus fréquentes. Si vous ne trouvez pas votre réponse, écrivez-nous avec le formulaire de contact.", "Answers to the most frequent questions. If you cannot find your answer, write to us with the contact form.";
    FaqAccountQ => "Comment créer mon compte ?", "How do I create my account?";
    FaqAccountA => "Sur la page de connexion, partie « Créez votre compte », saisissez le numéro de votre visa ou de votre titre de séjour et ses dates de validité, puis votre adresse électronique. Cliquez sur le lien reçu par courriel dans les 48 heures.", "On the login page, in the \"Create your account\" part, enter the number of your visa or residence permit and its validity dates, then your e-mail address. Click the link you receive by e-mail within 48 hours.";
    FaqIdentifierQ => "Quel est mon identifiant ?", "What is my identifier?";
    FaqIdentifierA => "Votre identifiant est votre numéro étranger (10 chiffres). Il figure sur votre titre de séjour. Si vous êtes arrivé avec un visa, il vous sera communiqué par courriel après l'instruction de votre demande.", "Your identifier is your foreigner number (10 digits). It is shown on your residence permit. If you arrived with a visa, it will be sent to you by e-mail after your application has been examined.";
    FaqPasswordQ => "J'ai oublié mon mot de passe.", "I forgot my password.";
    FaqPasswordA => "Utilisez le lien « Mot de passe oublié ? » de la page de connexion : un lien valable 2 heures vous sera envoyé.", "Use the \"Forgot your password?\" link on the login page: a link valid for 2 hours will be sent to you.";
    FaqEmailQ => "Je n'ai pas reçu le courriel.", "I did not receive the e-mail.";
    FaqEmailA => "Vérifiez le dossier des courriers indésirables. Le lien expire après 48 heures ; vous pouvez alors recommencer la création de compte.", "Check your spam folder. The link expires after 48 hours; you can then start the account creation again.";
    FaqSaveQ => "Ma saisie est-elle conservée si je quitte le formulaire ?", "Is what I entered kept if I leave the form?";
    FaqSaveA => "Oui : chaque étape validée est enregistrée et vous reprenez à la dernière étape enregistrée. Le formulaire garde aussi votre saisie en cours sur votre appareil, même sans connexion.", "Yes: each validated step is saved and you resume at the last saved step. The form also keeps what you are typing on your device, even offline.";
    ContactTitle => "Nous contacter", "Contact us";
    ContactIntro => "Le centre de contact citoyens répond à vos questions sur ce service. Ne joignez aucun document à votre message : les pièces de votre demande se déposent dans votre dossier.", "The citizens' contact centre answers your questions about this service. Do not attach documents to your message: the documents of your application are filed in your application.";
    ContactPhone => "Par téléphone : 0806 001 620 (service gratuit + prix d'un appel).", "By phone: +33 806 001 620 (free service + cost of a call).";
    ContactName => "Nom et prénom", "Full name";
    ContactEmail => "Adresse électronique", "E-mail address";
    ContactSubject => "Objet", "Subject";
    ContactMessage => "Votre message", "Your message";
    ContactSubmit => "Envoyer le message", "Send the message";
    ContactSent => "Votre message a bien été envoyé. Une réponse vous sera adressée par courriel.", "Your message has been sent. You will receive an answer by e-mail.";
    LegalTitle => "Mentions légales", "Legal notice";
    LegalText => "Ce service est une réalisation de démonstration reproduisant le service « ANEF séjour ». Les personnes, titres et visas qu'il contient sont fictifs.", "This service is a demonstration rebuild of the \"ANEF séjour\" service. The people, titles and visas it contains are fictitious.";
    PrivacyTitle => "Données personnelles", "Personal data";
    PrivacyText => "Vos données ne sont visibles que par vous, par les agents de la préfecture compétente pour votre dossier et par les administrateurs du service. Chaque action sur votre dossier est tracée.", "Your data is visible only to you, to the agents of the prefecture in charge of your application and to the service's administrators. Every action on your application is logged.";
    AccessibilityTitle => "Accessibilité", "Accessibility";
    AccessibilityText => "Ce service vise la conformité au référentiel général d'amélioration de l'accessibilité (RGAA, niveau AA du WCAG 2.1). Il est utilisable au clavier seul et sur un écran de téléphone. Signalez-nous toute difficulté via le formulaire de contact.", "This service aims at compliance with the French accessibility framework (RGAA, WCAG 2.1 level AA). It can be used with the keyboard alone and on a phone screen. Tell us about any difficulty through the contact form.";

    // Applicant's account page and notifications
    AccountTitle => "Mon compte", "My account";
    AccountSummary => "Sommaire", "Contents";
    AccountCivilStatusNote => "Ces informations viennent de votre dossier. Si l'une d'elles est erronée, signalez-le à votre préfecture ou dans les observations de votre prochaine demande.", "This information comes from your file. If any of it is wrong, tell your prefecture or say so in the observations of your next application.";
    AccountContactTitle => "Mon adresse et mon téléphone", "My address and phone";
    AccountContactIntro => "Déclarez ici tout changement d'adresse, avant de demander le renouvellement de votre titre : votre prochaine demande reprendra ces informations.", "Declare any change of address here, before applying for the renewal of your permit: your next application will start from this information.";
    AccountAddress => "Adresse", "Address";
    AccountPhone => "Téléphone mobile", "Mobile phone";
    AccountNotGiven => "Non renseigné", "Not given";
    AccountContactEdit => "Modifier mon adresse ou mon téléphone", "Change my address or phone";
    AccountContactSave => "Enregistrer", "Save";
    AccountCancel => "Annuler", "Cancel";
    AccountWithdraw => "Retirer ma demande", "Withdraw my application";
    AccountWithdrawWarning => "Si vous retirez la demande n° {number}, elle sera classée sans suite : la préfecture ne prendra pas de décision, et l'attestation de prolongation d'instruction, s'il y en a une, cessera d'être valable. Pour obtenir un titre, il faudra déposer une nouvelle demande.", "If you withdraw application no. {number}, it will be closed without a decision: the prefecture will not decide on it, and the attestation extending your stay during the review, if any, will stop being valid. To get a permit, you will have to file a new application.";
    AccountWithdrawReason => "Pourquoi retirez-vous votre demande ? (facultatif)", "Why are you withdrawing your application? (optional)";
    AccountWithdrawConfirm => "Confirmer le retrait", "Confirm the withdrawal";
    AccountWithdrawn => "Votre demande n° {number} est retirée : elle est classée sans suite.", "Your application no. {number} is withdrawn: it is closed without a decision.";
    AccountContactSaved => "Votre adresse et votre téléphone sont enregistrés.", "Your address and phone are saved.";
    AccountEmailTitle => "Mon adresse électronique", "My e-mail address";
    AccountEmailCurrent => "Adresse actuelle :", "Current address:";
    AccountEmailNew => "Nouvelle adresse électronique", "New e-mail address";
    AccountEmailConfirm => "Confirmation de la nouvelle adresse", "Confirm the new address";
    AccountEmailHint => "Un lien de confirmation sera envoyé à cette adresse. Le changement prend effet quand vous cliquez dessus.", "A confirmation link will be sent to this address. The change takes effect when you click it.";
    AccountEmailSubmit => "Changer d'adresse électronique", "Change my e-mail address";
    AccountEmailSent => "Un lien de confirmation a été envoyé à {email}. Cliquez dessus dans les 48 heures pour valider le changement.", "A confirmation link was sent to {email}. Click it within 48 hours to confirm the change.";
    AccountEmailConfirmTitle => "Confirmer ma nouvelle adresse électronique", "Confirm my new e-mail address";
    AccountEmailConfirmText => "Confirmez que cette adresse doit remplacer celle de votre compte. Les prochains messages du service y seront envoyés.", "Confirm that this address must replace your account's. The service's next messages will be sent to it.";
    AccountEmailConfirmButton => "Confirmer ma nouvelle adresse", "Confirm my new address";
    AccountEmailChanged => "C'est fait : l'adresse de votre compte est désormais {email}.", "Done: your account's address is now {email}.";
    AccountNotificationsTitle => "Mes notifications", "My notifications";
    AccountUnread => "Notifications non lues : {count}", "Unread notifications: {count}";
    AccountAllNotifications => "Voir toutes mes notifications", "See all my notifications";
    AccountNoNotifications => "Vous n'avez aucune notification.", "You have no notifications.";
    AccountMarkAllRead => "Tout marquer comme lu", "Mark all as read";
    AccountNew => "Nouveau", "New";
    AccountBell => "Notifications", "Notifications";
    AccountBellUnread => "Notifications : {count} non lue(s)", "Notifications: {count} unread";
    AccountFilesTitle => "Mes demandes déposées", "My submitted applications";
    AccountNoFiles => "Vous n'avez pas encore déposé de demande.", "You have not submitted any application yet.";
    AccountTimeline => "Suivi", "Progress";
    AccountDocuments => "Documents", "Documents";
    AccountCollectTitle => "Votre titre de séjour est disponible", "Your residence permit is ready";
    AccountCollectText => "Retirez-le à : {office}. Prenez rendez-vous sur le site de la préfecture et venez en personne avec votre passeport, la confirmation de dépôt et, pour un renouvellement, votre titre actuel.", "Collect it at: {office}. Book an appointment on the prefecture's website and come in person with your passport, the filing receipt and, for a renewal, your current permit.";
    ErrEmailUnchanged => "La nouvelle adresse est celle de votre compte.", "The new address is already your account's.";

    // Registration of visa holders in AGDREF
    AgdrefTitle => "Enregistrement dans AGDREF", "Registration in AGDREF";
    AgdrefIntro => "Le demandeur est titulaire d'un visa et n'a pas encore de numéro étranger. L'enregistrer dans AGDREF crée son numéro étranger à partir de l'état civil du visa et de l'adresse déclarée dans la demande. Il reçoit deux courriels : l'un avec son identifiant (le numéro étranger), l'autre avec un mot de passe provisoire qu'il devra changer à sa première connexion. La demande reste rattachée à son compte.", "The applicant holds a visa and has no foreigner number yet. Registering them in AGDREF creates their foreigner number from the visa's civil status and the address given in the application. They receive two e-mails: one with their identifier (the foreigner number), the other with a temporary password they must change at their first login. The application stays attached to their account.";
    AgdrefRegister => "Enregistrer le demandeur dans AGDREF", "Register the applicant in AGDREF";
    AgdrefDone => "Le demandeur est enregistré dans AGDREF sous le numéro étranger {numero}. Deux courriels ont été envoyés à {email} : l'identifiant, puis le mot de passe provisoire.", "The applicant is registered in AGDREF with the foreigner number {numero}. Two e-mails were sent to {email}: the identifier, then the temporary password.";
    ErrRegistrationNotVisaHolder => "Ce demandeur est titulaire d'un titre de séjour : il est déjà enregistré dans AGDREF.", "This applicant holds a residence permit: they are already registered in AGDREF.";
    ErrRegistrationAlreadyRegistered => "Ce demandeur est déjà enregistré dans AGDREF. Rechargez la page pour voir son numéro étranger.", "This applicant is already registered in AGDREF. Reload the page to see their foreigner number.";
    ErrRegistrationNotSubmitted => "Seule une demande déposée peut donner lieu à un enregistrement dans AGDREF.", "Only a submitted application can lead to a registration in AGDREF.";

    // Administration of agents
    AdminTitle => "Administration des agents", "Agents' administration";
    AdminIntro => "Créez les comptes des agents des préfectures et sous-préfectures et réinitialisez leur mot de passe. Chaque création et chaque réinitialisation est tracée.", "Create the accounts of prefecture and sub-prefecture agents and reset their passwords. Every creation and every reset is logged.";
    AdminCreateTitle => "Créer un compte agent", "Create an agent account";
    AdminCreateHint => "Un mot de passe provisoire est généré et affiché une seule fois, ici, après la création.", "A temporary password is generated and shown only once, here, after the creation.";
    AdminDisplayName => "Prénom et nom", "First name and surname";
    AdminPrefecture => "Préfecture ou sous-préfecture de rattachement", "Prefecture or sub-prefecture";
    AdminChoosePrefecture => "Sélectionnez une préfecture", "Select a prefecture";
    AdminRole => "Rôle", "Role";
    AdminRoleAgent => "Agent instructeur", "Case officer";
    AdminRoleAdministrator => "Administrateur (gère aussi les comptes des agents de sa préfecture)", "Administrator (also manages the accounts of their prefecture's agents)";
    AdminCreateSubmit => "Créer le compte", "Create the account";
    AdminCreated => "Le compte de {name} ({email}) est créé.", "The account of {name} ({email}) has been created.";
    AdminPasswordWasReset => "Le mot de passe de {name} ({email}) est réinitialisé ; ses sessions ouvertes sont fermées.", "The password of {name} ({email}) has been reset; their open sessions are closed.";
    AdminTemporaryPassword => "Mot de passe provisoire :", "Temporary password:";
    AdminTemporaryPasswordNote => "Communiquez-le à l'agent par un moyen sûr (en personne ou par téléphone). Il ne sera plus affiché : en cas de perte, réinitialisez-le.", "Give it to the agent through a safe channel (in person or by phone). It will not be shown again: if it is lost, reset it.";
    AdminAgentsTitle => "Comptes des agents", "Agents' accounts";
    AdminAgentsCount => "{total} agent(s)", "{total} agent(s)";
    AdminDeadLettersTitle => "E-mails non distribués", "Undelivered e-mails";
    AdminDeadLettersCount => "{total} e-mail(s) non distribué(s) après trois jours d'essais.", "{total} e-mail(s) not delivered after three days of attempts.";
    AdminColRecipient => "Destinataire", "Recipient";
    AdminColSubject => "Objet", "Subject";
    AdminColFailed => "Abandonné le", "Given up on";
    AdminColError => "Dernière erreur", "Last error";
    AdminFeedbackTitle => "Avis des usagers", "Applicants' feedback";
    AdminFeedbackNone => "Aucun usager n'a encore donné son avis sur le dépôt de ses demandes.", "No applicant has given feedback on filing yet.";
    AdminFeedbackAverage => "{count} avis, note moyenne {average} / 5.", "{count} ratings, average {average} / 5.";
    AdminFeedbackRating => "{rating} / 5 : {count}", "{rating} / 5: {count}";
    AdminFeedbackComments => "Derniers commentaires", "Latest comments";
    AdminColDate => "Date", "Date";
    AdminColRating => "Note", "Rating";
    AdminColComment => "Commentaire", "Comment";
    AdminResend => "Renvoyer", "Send again";
    AdminResent => "L'e-mail à {email} est de nouveau en file d'envoi.", "The e-mail to {email} is queued again.";
    AdminColName => "Nom", "Name";
    AdminColEmail => "Adresse électronique", "E-mail address";
    AdminColPrefecture => "Préfecture", "Prefecture";
    AdminColCreated => "Créé le", "Created on";
    AdminRoleNational => "Administrateur national (gère les agents de toutes les préfectures)", "National administrator (manages the agents of every prefecture)";
    AdminRoleAgentShort => "Agent", "Agent";
    AdminRoleNationalShort => "Administrateur national", "National administrator";
    AdminRoleAdministratorShort => "Administrateur", "Administrator";
    AdminReset => "Réinitialiser le mot de passe", "Reset the password";
    AdminResetConfirm => "Confirmer la réinitialisation", "Confirm the reset";
    AdminResetCancel => "Annuler", "Cancel";
    ErrAdminOnly => "Cette page est réservée aux administrateurs.", "This page is for administrators only.";
    ErrAgentEmailTaken => "Un compte agent utilise déjà cette adresse électronique.", "An agent account already uses this e-mail address.";
}
