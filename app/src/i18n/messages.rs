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
    ErrNetwork => "Le service est injoignable. Vérifiez votre connexion internet puis réessayez ; votre saisie est conservée.", "The service cannot be reached. Check your internet connection and try again; what you typed is kept.";
    ErrUnauthenticated => "Votre session a expiré. Connectez-vous pour continuer.", "Your session has expired. Please log in to continue.";
    ErrForbidden => "Vous n'avez pas accès à cette page.", "You do not have access to this page.";
    ErrNotFound => "L'élément demandé est introuvable.", "The requested item cannot be found.";
    ErrRateLimited => "Trop de tentatives. Pour votre sécurité, patientez quelques minutes avant de réessayer.", "Too many attempts. For your security, wait a few minutes before trying again.";
    ErrInvalidCredentials => "Identifiant ou mot de passe incorrect.", "Incorrect identifier or password.";
    ErrDocumentNotRecognised => "Nous n'avons pas pu vérifier ces informations. Vérifiez le numéro et les dates de validité tels qu'ils figurent sur votre titre ou votre visa.", "We could not verify this information. Check the number and the validity dates exactly as they appear on your title or visa.";
    ErrLinkInvalid => "Ce lien n'est plus valide : il a déjà été utilisé ou il a expiré.", "This link is no longer valid: it has already been used or it has expired.";
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
    ErrTooManyFiles => "Vous avez déjà joint {max} fichiers pour ce justificatif : supprimez-en un pour en joindre un autre.", "You have already joined {max} files for this document: remove one to join another.";
    ErrInvalidChoice => "Choisissez une des valeurs proposées dans la liste.", "Choose one of the values offered in the list.";
    ErrInvalidPhone => "Numéro de téléphone mobile invalide. Format attendu : 06 12 34 56 78 ou +33 6 12 34 56 78.", "Invalid mobile phone number. Expected format: 06 12 34 56 78 or +33 6 12 34 56 78.";
    ErrInvalidAmount => "Montant invalide. Indiquez un montant en euros, par exemple 615 ou 615,50.", "Invalid amount. Enter an amount in euros, for example 615 or 615.50.";
    ErrInvalidPostalCode => "Le code postal doit comporter 5 chiffres (ex. 91120).", "The postal code must have 5 digits (e.g. 91120).";
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
    ActivationVisaSubmit => "Confirmer mon adresse et accéder à mes démarches", "Confirm my address and go to my applications";
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
}
