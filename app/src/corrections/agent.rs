//! The agent's side of corrections: "Renvoyer pour correction" (each answer or document with
//! its reason) and what the applicant changed after filing, before and after.

use leptos::prelude::*;

use super::agent_request_correction;
use crate::components::forms::{ErrorSummary, FormErrors, TextInput, TickToReveal};
use crate::domain::corrections::{key, validate_request, CorrectionItem, Reason, COMMENT_MAX};
use crate::i18n::{use_i18n, Msg};
use crate::instruction::FileView;

/// One line of the form: an answer or a document, whether it is sent back, why.
#[derive(Clone)]
struct Row {
    target: String,
    label: String,
    chosen: RwSignal<bool>,
    reason: RwSignal<Reason>,
    comment: RwSignal<String>,
}

/// "Renvoyer pour correction": distinct from a request for documents, it names the answers
/// (by step) or documents that are incorrect, incomplete or out of date.
#[component]
pub fn CorrectionRequestForm(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);
    let rows: Vec<Row> = file.with_untracked(|f| {
        f.correctable
            .iter()
            .map(|(target, label)| Row {
                target: target.clone(),
                label: label.clone(),
                chosen: RwSignal::new(false),
                reason: RwSignal::new(Reason::Incorrect),
                comment: RwSignal::new(String::new()),
            })
            .collect()
    });
    let rows = StoredValue::new(rows);
    let labels: Vec<(String, String)> = rows.with_value(|r| r.iter().map(|row| (key(&row.target), row.label.clone())).collect());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let items: Vec<CorrectionItem> = rows.with_value(|r| {
            r.iter()
                .filter(|row| row.chosen.get_untracked())
                .map(|row| CorrectionItem {
                    target: row.target.clone(),
                    reason: row.reason.get_untracked(),
                    comment: row.comment.get_untracked().trim().to_owned(),
                })
                .collect()
        });
        let known = file.with_untracked(|f| f.correctable.clone());
        if let Err(errors) = validate_request(&items, &known) {
            form.show_fields(errors);
            return;
        }
        form.clear();
        let id = file.with_untracked(|f| f.id.clone());
        crate::instruction::send_file_form(file, form, pending, agent_request_correction(id, items));
    };
    view! {
        <section class="fr-mt-4w" aria-labelledby="agent-correction-title">
            <h2 class="fr-h4" id="agent-correction-title">{i18n.t(Msg::AgentCorrectionTitle)}</h2>
            <p class="fr-text--sm">{i18n.t(Msg::AgentCorrectionHint)}</p>
            <form on:submit=on_submit novalidate>
                <ErrorSummary form prefix="c" labels=vec![("items", Msg::AgentCorrectionTitle)] texts=labels/>
                <fieldset class="fr-fieldset" id="c-items" tabindex="-1">
                    <legend class="fr-fieldset__legend fr-fieldset__legend--regular">{i18n.t(Msg::AgentCorrectionWhich)}</legend>
                    {rows.with_value(|r| r.iter().map(|row| {
                        let Row { target, label, chosen, reason, comment } = row.clone();
                        let box_id = format!("corr-{target}");
                        let reason_id = format!("corr-{target}-motif");
                        let comment_id = format!("c-{}", key(&target));
                        let error = form.field_named(key(&target));
                        view! {
                            <TickToReveal id=box_id label=label.clone() ticked=chosen>
                                    <div class="fr-select-group">
                                        <label class="fr-label" for=reason_id.clone()>{i18n.t(Msg::AgentCorrectionReason)}</label>
                                        <select class="fr-select" id=reason_id.clone() on:change=move |ev| {
                                            let picked = event_target_value(&ev);
                                            if let Some(r) = Reason::ALL.into_iter().find(|r| format!("{r:?}") == picked) {
                                                reason.set(r);
                                            }
                                        }>
                                            {Reason::ALL.into_iter().map(|r| view! {
                                                <option value=format!("{r:?}") selected=move || reason.get() == r>{r.label().get(lang)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <TextInput id=comment_id.clone() label=i18n.t(Msg::AgentCorrectionComment) value=comment error
                                        rows=2 maxlength=COMMENT_MAX required=false/>
                            </TickToReveal>
                        }
                    }).collect_view())}
                </fieldset>
                <button type="submit" class="fr-btn fr-btn--secondary" disabled=move || pending.get()>{i18n.t(Msg::AgentCorrectionSend)}</button>
            </form>
        </section>
    }
}

/// The last request for correction, and what the applicant changed after filing.
#[component]
pub fn ChangesSummary(file: RwSignal<FileView>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    move || {
        file.with(|f| {
            let requested = (!f.correction.is_empty()).then(|| {
                view! {
                    <h3 class="fr-h6">{i18n.t(Msg::AgentCorrectionAsked)}</h3>
                    <ul class="agent-correction">
                        {f.correction.iter().map(|item| view! {
                            <li><strong>{item.label.clone()}</strong>" – "{item.reason.label().get(lang)}
                                {(!item.comment.is_empty()).then(|| format!(" : {}", item.comment))}</li>
                        }).collect_view()}
                    </ul>
                }
            });
            let changes = (!f.changes.is_empty()).then(|| {
                view! {
                    <h3 class="fr-h6">{i18n.t(Msg::AgentChangesTitle)}</h3>
                    <super::ChangeList changes=f.changes.clone() class="agent-changes"/>
                }
            });
            (requested.is_some() || changes.is_some()).then(|| {
                view! {
                    <section class="fr-mt-4w" aria-labelledby="agent-changes-title">
                        <h2 class="fr-h4" id="agent-changes-title">{i18n.t(Msg::AgentCorrectionsSection)}</h2>
                        {requested}
                        {changes}
                    </section>
                }
            })
        })
    }
}
