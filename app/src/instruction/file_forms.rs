//! The two forms of a file that carry more than a click: the complementary-document request
//! (documents and reasons) and the refusal (reason and the prefecture's signed decision).

use leptos::prelude::*;

use super::{agent_request_complement, FileView};
use crate::components::forms::{ErrorSummary, FormErrors, TextInput, TickToReveal};
use crate::domain::complement::{key, validate_request, RequestedDocument, TEXT_MAX};
use crate::domain::validation::{FieldErrors, ValidationError};
use crate::i18n::{use_i18n, Msg};

/// "Demander des pièces complémentaires": the documents to ask for, each with its reason.
#[component]
pub(super) fn ComplementRequestForm(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let requestable = file.with_untracked(|f| f.requestable.clone());
    let rows: Vec<(String, String, RwSignal<bool>, RwSignal<String>)> =
        requestable.into_iter().map(|(code, label)| (code, label, RwSignal::new(false), RwSignal::new(String::new()))).collect();
    let rows = StoredValue::new(rows);
    let labels: Vec<(String, String)> = rows.with_value(|r| r.iter().map(|(code, label, _, _)| (key(code), label.clone())).collect());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let documents: Vec<RequestedDocument> = rows.with_value(|r| {
            r.iter()
                .filter(|(_, _, asked, _)| asked.get_untracked())
                .map(|(code, _, _, reason)| RequestedDocument { document: code.clone(), reason: reason.get_untracked() })
                .collect()
        });
        let known: Vec<String> = rows.with_value(|r| r.iter().map(|(code, ..)| code.clone()).collect());
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        if let Err(errors) = validate_request(&documents, &known) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        let id = file.with_untracked(|f| f.id.clone());
        super::send_file_form(file, form, pending, agent_request_complement(id, documents));
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-request-title">
            <h2 class="fr-h4" id="agent-request-title">{i18n.t(Msg::AgentRequestComplement)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="f" labels=vec![("documents", Msg::AgentRequestComplement)] texts=labels/>
                <fieldset class="fr-fieldset" id="f-documents" tabindex="-1">
                    <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{i18n.t(Msg::AgentRequestWhich)}</legend>
                    {rows.with_value(|r| r.iter().map(|(code, label, asked, reason)| {
                        let (asked, reason) = (*asked, *reason);
                        let box_id = format!("ask-{code}");
                        let reason_id = format!("f-{}", key(code));
                        let error = form.field_named(key(code));
                        view! {
                            <TickToReveal id=box_id label=label.clone() ticked=asked>
                                <TextInput id=reason_id.clone() label=format!("{} *", i18n.t(Msg::AgentRequestReason)) value=reason error rows=2 maxlength=TEXT_MAX/>
                            </TickToReveal>
                        }
                    }).collect_view())}
                </fieldset>
                <button type="submit" class="fr-btn fr-btn--secondary" disabled=move || pending.get()>{i18n.t(Msg::AgentRequestSend)}</button>
            </form>
        </section>
    }
}

/// "Refuser la demande": the reason and the prefecture's signed decision (PDF), sent with an
/// XMLHttpRequest because of the file.
#[component]
pub(super) fn RefusalForm(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormErrors::new();
    let reason = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errors = FieldErrors::new();
        if reason.get_untracked().trim().is_empty() {
            errors.add("note", ValidationError::Required);
        }
        #[cfg(feature = "hydrate")]
        let chosen = input.get().and_then(|i| i.files()).and_then(|l| l.get(0));
        #[cfg(not(feature = "hydrate"))]
        let chosen: Option<()> = {
            let _ = (input, file);
            None
        };
        if chosen.is_none() {
            errors.add("decision", ValidationError::Required);
        }
        if !errors.is_empty() {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        #[cfg(feature = "hydrate")]
        if let Some(pdf) = chosen {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            let id = file.with_untracked(|f| f.id.clone());
            let Ok(xhr) = web_sys::XmlHttpRequest::new() else { return };
            if xhr.open_with_async("POST", &super::paths::refusal(&id, &reason.get_untracked()), true).is_err() {
                return;
            }
            let done = xhr.clone();
            let on_done = Closure::<dyn Fn()>::new(move || {
                pending.set(false);
                let body = done.response_text().ok().flatten().unwrap_or_default();
                match done.status().unwrap_or(0) {
                    200 => {
                        if let Ok(updated) = serde_json::from_str::<FileView>(&body) {
                            file.set(updated);
                        }
                    }
                    0 => form.show(crate::error::AppError::Network(String::new())),
                    _ => form.show(serde_json::from_str::<crate::error::AppError>(&body).unwrap_or(crate::error::AppError::Internal)),
                }
            });
            xhr.set_onloadend(Some(on_done.as_ref().unchecked_ref()));
            on_done.forget();
            let _ = xhr.send_with_opt_blob(Some(&pdf));
        }
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-refusal-title">
            <h2 class="fr-h4" id="agent-refusal-title">{i18n.t(Msg::AgentRefusal)}</h2>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="refusal" labels=vec![("note", Msg::AgentRefusalReason), ("decision", Msg::AgentRefusalDecision)]/>
                <div class="fr-input-group">
                    <label class="fr-label" for="refusal-note">{i18n.t(Msg::AgentRefusalReason)}" *"</label>
                    <textarea class="fr-input" id="refusal-note" rows="3" maxlength="2000" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    {move || form.field("note").get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
                <div class="fr-upload-group">
                    <label class="fr-label" for="refusal-decision">{i18n.t(Msg::AgentRefusalDecision)}" *"
                        <span class="fr-hint-text">"PDF, 10 Mo"</span></label>
                    <input class="fr-upload" type="file" id="refusal-decision" accept=".pdf,application/pdf" node_ref=input/>
                    {move || form.field("decision").get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary fr-mt-2w" disabled=move || pending.get()>{i18n.t(Msg::AgentRefusalSend)}</button>
            </form>
        </section>
    }
}
