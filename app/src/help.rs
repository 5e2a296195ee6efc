//! Help for applicants: frequently asked questions, the contact form and the legal pages.

use leptos::prelude::*;

use crate::accounts::{ContactMessage, SendContactMessage};
use crate::components::accordion::Accordion;
use crate::components::forms::{EmailInput, ErrorSummary, FormErrors, SubmitButton, TextInput};
use crate::i18n::{use_i18n, Msg};
use crate::layout::{Breadcrumb, PageTitle};

const FAQ: &[(Msg, Msg)] = &[
    (Msg::FaqAccountQ, Msg::FaqAccountA),
    (Msg::FaqIdentifierQ, Msg::FaqIdentifierA),
    (Msg::FaqPasswordQ, Msg::FaqPasswordA),
    (Msg::FaqEmailQ, Msg::FaqEmailA),
    (Msg::FaqSaveQ, Msg::FaqSaveA),
];

#[component]
pub fn HelpPage() -> impl IntoView {
    let i18n = use_i18n();
    let questions = FAQ
        .iter()
        .enumerate()
        .map(|(index, (question, answer))| {
            view! {
                <Accordion id=format!("faq-{index}") title=i18n.t(*question)>
                    <p>{i18n.t(*answer)}</p>
                </Accordion>
            }
        })
        .collect_view();
    view! {
        <PageTitle title=Msg::HelpTitle/>
        <div class="fr-container fr-my-4w">
            <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (Msg::HelpTitle, None)]/>
            <h1>{i18n.t(Msg::HelpTitle)}</h1>
            <p class="fr-text--lead">{i18n.t(Msg::HelpIntro)}</p>
            <p><a class="fr-link" href=WHICH_CASE>{i18n.t(Msg::CaseLink)}</a></p>
            <div class="fr-accordions-group">{questions}</div>
            <p class="fr-mt-4w"><a class="fr-btn fr-btn--secondary" href="/contact">{i18n.t(Msg::ContactUs)}</a></p>
        </div>
    }
}

/// Where the "which case am I in" help lives (linked from the login page and the help page).
pub const WHICH_CASE: &str = "/aide/mon-cas";

/// "Vérifier le cas dans lequel je me trouve" (seed 003 §1.2): two questions, then the case of
/// the connection page that applies and what to do, with the contact centre for anything else.
#[component]
pub fn WhichCasePage() -> impl IntoView {
    use crate::domain::account_case::{asks_document, case, AccountCase, HasAccount, HeldDocument};
    let i18n = use_i18n();
    let account = RwSignal::new(None::<HasAccount>);
    let document = RwSignal::new(None::<HeldDocument>);
    let radio = move |name: &'static str, id: &'static str, label: Msg, checked: Signal<bool>, pick: Callback<()>| {
        view! {
            <div class="fr-fieldset__element">
                <div class="fr-radio-group">
                    <input type="radio" id=id name=name prop:checked=move || checked.get() on:change=move |_| pick.run(())/>
                    <label class="fr-label" for=id>{i18n.t(label)}</label>
                </div>
            </div>
        }
    };
    let account_choice = move |id: &'static str, label: Msg, value: HasAccount| {
        radio("compte", id, label, Signal::derive(move || account.get() == Some(value)), Callback::new(move |()| account.set(Some(value))))
    };
    let document_choice = move |id: &'static str, label: Msg, value: HeldDocument| {
        radio(
            "document",
            id,
            label,
            Signal::derive(move || document.get() == Some(value)),
            Callback::new(move |()| document.set(Some(value))),
        )
    };
    let answer = move || {
        case(account.get(), document.get()).map(|found| {
            let (title, text, link) = match found {
                AccountCase::HasAccount => (Msg::CaseAccountTitle, Msg::CaseAccountText, Some((Msg::LoginSubmit, "/connexion"))),
                AccountCase::CreateWithTitle => {
                    (Msg::CaseTitleTitle, Msg::CaseTitleText, Some((Msg::SignupSubmit, "/connexion#signup-title")))
                }
                AccountCase::CreateWithVisa => {
                    (Msg::CaseVisaTitle, Msg::CaseVisaText, Some((Msg::SignupSubmit, "/connexion#signup-title")))
                }
                AccountCase::NotOnline => (Msg::CaseOtherTitle, Msg::CaseOtherText, None),
            };
            view! {
                <div class="fr-callout fr-mt-3w which-case">
                    <h2 class="fr-callout__title">{i18n.t(title)}</h2>
                    <p class="fr-callout__text">{i18n.t(text)}</p>
                    {link.map(|(label, href)| view! { <a class="fr-btn" href=href>{i18n.t(label)}</a> })}
                </div>
            }
        })
    };
    view! {
        <PageTitle title=Msg::CaseTitle/>
        <div class="fr-container fr-my-4w">
            <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (Msg::HelpTitle, Some("/aide")), (Msg::CaseTitle, None)]/>
            <h1>{i18n.t(Msg::CaseTitle)}</h1>
            <p class="fr-text--lead">{i18n.t(Msg::CaseIntro)}</p>
            <form on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">{i18n.t(Msg::CaseHasAccount)}</legend>
                    {account_choice("compte-oui", Msg::CaseYes, HasAccount::Yes)}
                    {account_choice("compte-non", Msg::CaseNo, HasAccount::No)}
                    {account_choice("compte-incertain", Msg::CaseNotSure, HasAccount::NotSure)}
                </fieldset>
                <Show when=move || asks_document(account.get())>
                    <fieldset class="fr-fieldset">
                        <legend class="fr-fieldset__legend">{i18n.t(Msg::CaseDocument)}</legend>
                        {document_choice("document-titre", Msg::CaseDocumentTitle, HeldDocument::Title)}
                        {document_choice("document-visa", Msg::CaseDocumentVisa, HeldDocument::Visa)}
                        {document_choice("document-autre", Msg::CaseDocumentOther, HeldDocument::Other)}
                    </fieldset>
                </Show>
            </form>
            <div aria-live="polite">{answer}</div>
            <p class="fr-mt-4w">{i18n.t(Msg::CaseSupport)}" "{i18n.t(Msg::ContactPhone)}</p>
            <p><a class="fr-btn fr-btn--secondary" href="/contact">{i18n.t(Msg::ContactUs)}</a></p>
        </div>
    }
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let subject = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let errors = FormErrors::new();
    let action = ServerAction::<SendContactMessage>::new();
    Effect::new(move |_| {
        if let Some(Err(error)) = action.value().get() {
            errors.show(error);
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = ContactMessage {
            name: name.get_untracked(),
            email: email.get_untracked(),
            subject: subject.get_untracked(),
            message: message.get_untracked(),
        };
        match input.validate() {
            Ok(_) => {
                errors.clear();
                action.dispatch(SendContactMessage { message: input });
            }
            Err(field_errors) => errors.show_fields(field_errors),
        }
    };
    view! {
        <PageTitle title=Msg::ContactTitle/>
        <div class="fr-container fr-my-4w">
            <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (Msg::ContactTitle, None)]/>
            <div class="fr-grid-row">
                <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
                    <h1>{i18n.t(Msg::ContactTitle)}</h1>
                    <p>{i18n.t(Msg::ContactIntro)}</p>
                    <p>{i18n.t(Msg::ContactPhone)}</p>
                    <Show
                        when=move || !matches!(action.value().get(), Some(Ok(())))
                        fallback=move || view! {
                            <div class="fr-alert fr-alert--success" role="status"><p>{i18n.t(Msg::ContactSent)}</p></div>
                        }
                    >
                        <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
                        <form on:submit=on_submit novalidate>
                            <ErrorSummary
                                form=errors
                                prefix="contact"
                                labels=vec![("name", Msg::ContactName), ("email", Msg::ContactEmail), ("subject", Msg::ContactSubject), ("message", Msg::ContactMessage)]
                            />
                            <TextInput id="contact-name" label=i18n.t(Msg::ContactName) value=name error=errors.field("name") autocomplete="name" maxlength=120/>
                            <EmailInput id="contact-email" label=i18n.t(Msg::ContactEmail) hint=i18n.t(Msg::SignupEmailHint) value=email error=errors.field("email")/>
                            <TextInput id="contact-subject" label=i18n.t(Msg::ContactSubject) value=subject error=errors.field("subject") maxlength=200/>
                            <TextInput id="contact-message" label=i18n.t(Msg::ContactMessage) value=message error=errors.field("message") maxlength=ContactMessage::MESSAGE_MAX rows=6/>
                            <SubmitButton label=i18n.t(Msg::ContactSubmit) pending=action.pending()/>
                        </form>
                    </Show>
                </div>
            </div>
        </div>
    }
}

#[component]
fn TextPage(title: Msg, text: Msg) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle title/>
        <div class="fr-container fr-my-4w">
            <Breadcrumb items=vec![(Msg::NavHome, Some("/")), (title, None)]/>
            <h1>{i18n.t(title)}</h1>
            <p>{i18n.t(text)}</p>
        </div>
    }
}

#[component]
pub fn LegalPage() -> impl IntoView {
    view! { <TextPage title=Msg::LegalTitle text=Msg::LegalText/> }
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <TextPage title=Msg::PrivacyTitle text=Msg::PrivacyText/> }
}

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! { <TextPage title=Msg::AccessibilityTitle text=Msg::AccessibilityText/> }
}
