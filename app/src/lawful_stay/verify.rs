//! `/verifier`, public: an employer, a landlord or a social service checks a holder's status
//! with the share code the holder gave and their date of birth, or a document with the code
//! printed on it (the document's link opens this page with the code filled in).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::{paths, verify_document, verify_status, DocumentCheckView, Standing, StatusCheckView};
use crate::components::alert::ErrorAlert;
use crate::components::forms::{DateInput, DateParts, ErrorSummary, FormErrors, SubmitButton, TextInput};
use crate::domain::date::Date;
use crate::domain::lawful_stay::parse_code;
use crate::domain::validation::FieldErrors;
use crate::i18n::{use_i18n, Msg};
use crate::layout::NarrowPage;
use crate::procedures::issued_label;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let document = query.with_untracked(|q| q.get("document")).filter(|c| !c.trim().is_empty());
    view! {
        <NarrowPage title=Msg::VerifyTitle>
            <p class="fr-text--lead">{i18n.t(Msg::VerifyIntro)}</p>
            {document.clone().map(|code| view! { <DocumentResult code/> })}
            <StatusCheck/>
            <DocumentCheckForm code=document.unwrap_or_default()/>
        </NarrowPage>
    }
}

#[component]
fn StatusCheck() -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let birth = DateParts::new();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    // None: not asked yet; Some(None): nothing to show.
    let result = RwSignal::new(None::<Option<StatusCheckView>>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (day, month, year) = birth.get();
        // The server's checks, before the round trip.
        let mut errors = FieldErrors::new();
        errors.check("code", parse_code(&code.get_untracked()));
        errors.check("birth_date", Date::from_parts(&day, &month, &year));
        if !errors.is_empty() {
            result.set(None);
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        spawn_local(async move {
            match verify_status(code.get_untracked(), day, month, year).await {
                Ok(found) => result.set(Some(found)),
                Err(error) => {
                    result.set(None);
                    form.show(error);
                }
            }
            pending.set(false);
        });
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="verify-status-title">
            <h2 id="verify-status-title">{i18n.t(Msg::VerifyStatusTitle)}</h2>
            <ErrorSummary form prefix="verifier" labels=vec![("code", Msg::VerifyCode), ("birth_date", Msg::VerifyBirthDate)]/>
            <form on:submit=on_submit novalidate>
                <TextInput
                    id="verifier-code"
                    label=i18n.t(Msg::VerifyCode)
                    hint=i18n.t(Msg::VerifyCodeHint).to_owned()
                    value=code
                    error=form.field("code")
                    autocomplete="off"
                    maxlength=16
                />
                <DateInput id="verifier-birth_date" legend=i18n.t(Msg::VerifyBirthDate) parts=birth error=form.field("birth_date")/>
                <SubmitButton label=i18n.t(Msg::VerifySubmit) pending/>
            </form>
            <div aria-live="polite" class="fr-mt-3w">
                {move || result.get().map(|found| match found {
                    Some(view) => view! { <StatusResult view/> }.into_any(),
                    None => view! {
                        <div class="fr-alert fr-alert--warning" role="alert"><p>{i18n.t(Msg::VerifyNotFound)}</p></div>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}

#[component]
fn StatusResult(view: StatusCheckView) -> impl IntoView {
    let i18n = use_i18n();
    let (standing, ok) = match &view.standing {
        Standing::Title { label, valid_until } => (i18n.fill(Msg::VerifyTitleHeld, &[("title", label), ("until", valid_until)]), true),
        Standing::Pending { procedure, filed_on, attestation_until: Some(until) } => {
            (i18n.fill(Msg::VerifyPendingCovered, &[("procedure", procedure), ("filed", filed_on), ("until", until)]), true)
        }
        Standing::Pending { procedure, filed_on, attestation_until: None } => {
            (i18n.fill(Msg::VerifyPending, &[("procedure", procedure), ("filed", filed_on)]), false)
        }
        Standing::Nothing => (i18n.t(Msg::VerifyNothing).to_owned(), false),
    };
    view! {
        <div class=if ok { "fr-alert fr-alert--success verify-result" } else { "fr-alert fr-alert--info verify-result" }>
            <h3 class="fr-alert__title">{i18n.t(Msg::VerifyResultTitle)}</h3>
            <dl class="verify-facts">
                <dt>{i18n.t(Msg::VerifyName)}</dt><dd>{view.full_name.clone()}</dd>
                <dt>{i18n.t(Msg::VerifyNationality)}</dt><dd>{view.nationality.clone()}</dd>
                <dt>{i18n.t(Msg::VerifyStanding)}</dt><dd>{standing}</dd>
                <dt>{i18n.t(Msg::VerifyCheckedOn)}</dt><dd>{view.checked_on.clone()}</dd>
            </dl>
        </div>
    }
}

/// The check of a document's own code, from its printed link or typed below.
#[component]
fn DocumentResult(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let found = Resource::new(move || code.clone(), verify_document);
    view! {
        <section class="fr-mt-4w" aria-labelledby="verify-document-result">
            <h2 id="verify-document-result">{i18n.t(Msg::VerifyDocumentResult)}</h2>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || found.get().map(|loaded| match loaded {
                    Ok(Some(document)) => view! { <DocumentFacts document/> }.into_any(),
                    Ok(None) => view! {
                        <div class="fr-alert fr-alert--warning" role="alert"><p>{i18n.t(Msg::VerifyDocumentUnknown)}</p></div>
                    }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DocumentFacts(document: DocumentCheckView) -> impl IntoView {
    let i18n = use_i18n();
    let verdict = if document.valid { Msg::VerifyDocumentValid } else { Msg::VerifyDocumentNotValid };
    view! {
        <div class=if document.valid { "fr-alert fr-alert--success verify-result" } else { "fr-alert fr-alert--error verify-result" }>
            <h3 class="fr-alert__title">{i18n.t(verdict)}</h3>
            <dl class="verify-facts">
                <dt>{i18n.t(Msg::VerifyDocumentKind)}</dt><dd>{i18n.t(issued_label(&document.kind))}</dd>
                <dt>{i18n.t(Msg::VerifyName)}</dt><dd>{document.holder.clone()}</dd>
                <dt>{i18n.t(Msg::ProceduresColNumber)}</dt><dd>{document.file_number.clone()}</dd>
                <dt>{i18n.t(Msg::VerifyIssuedOn)}</dt><dd>{document.issued_on.clone()}</dd>
                {document.valid_until.clone().map(|until| view! { <dt>{i18n.t(Msg::VerifyValidUntil)}</dt><dd>{until}</dd> })}
            </dl>
        </div>
    }
}

/// A plain GET form: the page reloads with the code in its address, as from the printed link.
#[component]
fn DocumentCheckForm(code: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="fr-mt-6w" aria-labelledby="verify-document-title">
            <h2 id="verify-document-title">{i18n.t(Msg::VerifyDocumentTitle)}</h2>
            <form method="get" action=paths::VERIFY>
                <div class="fr-input-group">
                    <label class="fr-label" for="verifier-document">
                        {i18n.t(Msg::VerifyDocumentCode)}
                        <span class="fr-hint-text">{i18n.t(Msg::VerifyCodeHint)}</span>
                    </label>
                    <input class="fr-input" type="text" id="verifier-document" name="document" maxlength="16" autocomplete="off" value=code/>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{i18n.t(Msg::VerifyDocumentSubmit)}</button>
            </form>
        </section>
    }
}
