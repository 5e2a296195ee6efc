//! The orientation page (SPEC §3): for whom, the current title, its renewal or another title
//! (closed procedures greyed out), then "Je commence" opens the draft's preamble.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::wizard::PREAMBLE;
use super::{orientation, paths, start_application, OrientationView, OtherTitleView, RequestKind};
use crate::accounts::paths as account_paths;
use crate::components::alert::ErrorAlert;
use crate::components::forms::{ErrorSummary, FormErrors, RadioOption};
use crate::domain::validation::{FieldErrors, ValidationError};
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

#[component]
pub fn OrientationPage() -> impl IntoView {
    let view_data = Resource::new(|| (), |_| orientation());
    let notice = crate::lawful_stay::notice::renewal_notice_resource();
    view! {
        <ApplicantPage title=Msg::OrientationTitle return_to=paths::NEW trail=vec![(Msg::ProceduresTitle, account_paths::PROCEDURES)]>
            <Suspense fallback=|| ()>
                {move || view_data.get().map(|loaded| match loaded {
                    Ok(data) => view! { <OrientationForm data notice/> }.into_any(),
                    Err(error) => view! {
                        <ErrorAlert error/>
                    }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

#[component]
fn OrientationForm(data: OrientationView, notice: crate::lawful_stay::notice::NoticeResource) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = crate::layout::Navigator::new();
    let renewal = data.renewal.clone();
    let has_title = renewal.is_some();
    let other_kind = data.other_kind;
    // "renouvellement" or "autre"; then the procedure of the other title.
    let what = RwSignal::new(if has_title { String::new() } else { "autre".to_owned() });
    let other = RwSignal::new(String::new());
    let mention = RwSignal::new(String::new());
    let talent = !data.talent_mentions.is_empty();
    let form = FormErrors::new();
    let pending = RwSignal::new(false);

    let on_submit = {
        let renewal = renewal.clone();
        let others = data.others.clone();
        let mentions = data.talent_mentions.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let chosen = match what.get_untracked().as_str() {
                "renouvellement" => renewal.clone().map(|p| (p, RequestKind::Renouvellement, None)),
                "autre" => {
                    others.iter().find(|o| o.code == other.get_untracked()).and_then(|o| o.procedure.clone()).map(|p| (p, other_kind, None))
                }
                "mention" => mentions
                    .iter()
                    .find(|m| m.code == mention.get_untracked())
                    .and_then(|m| Some((m.procedure.clone()?, RequestKind::Premiere, Some(m.code.clone())))),
                _ => None,
            };
            let Some((procedure, kind, picked)) = chosen else {
                let mut errors = FieldErrors::new();
                let field = match what.get_untracked().as_str() {
                    "" => "what",
                    "mention" => "mention",
                    _ => "which",
                };
                errors.add(field, ValidationError::Required);
                form.show_fields(errors);
                return;
            };
            form.clear();
            pending.set(true);
            spawn_local(async move {
                match start_application(procedure, kind, picked).await {
                    Ok(id) => navigate.go(&paths::step(&id, PREAMBLE)),
                    Err(error) => {
                        pending.set(false);
                        form.show(error);
                    }
                }
            });
        }
    };

    let current = match (&data.current_label, &data.current_mention) {
        (Some(label), Some(mention)) => i18n.fill(Msg::OrientationCurrent, &[("label", label), ("mention", mention)]),
        _ => i18n.t(Msg::OrientationNoTitle).to_owned(),
    };
    let what_error = form.field("what");
    let other_error = form.field("which");

    view! {
        <crate::lawful_stay::notice::RenewalNoticeLoader notice/>
        <form on:submit=on_submit novalidate>
            <ErrorSummary form prefix="orientation" labels=vec![("what", Msg::OrientationWhat), ("which", Msg::OrientationWhich), ("mention", Msg::OrientationMention)]/>
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">{i18n.t(Msg::OrientationForWhom)}</legend>
                <div class="fr-fieldset__element">
                    <div class="fr-radio-group">
                        <input type="radio" id="orientation-myself" name="beneficiary" checked/>
                        <label class="fr-label" for="orientation-myself">{i18n.t(Msg::OrientationMyself)}</label>
                    </div>
                </div>
            </fieldset>
            <div class="fr-callout fr-mb-3w"><p class="fr-callout__text">{current}</p></div>
            // An expired title is still renewed here, but late: said rather than hidden.
            {data.expired_on.clone().map(|on| view! {
                <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-3w" id="orientation-expired">
                    <p>{i18n.fill(if has_title { Msg::OrientationExpiredRenewal } else { Msg::OrientationExpired }, &[("date", &on)])}</p>
                </div>
            })}
            <fieldset class="fr-fieldset" id="orientation-what" tabindex="-1" class:fr-fieldset--error=move || what_error.with(Option::is_some)
                aria-describedby=move || what_error.with(Option::is_some).then_some("orientation-what-error")>
                <legend class="fr-fieldset__legend">{i18n.t(Msg::OrientationWhat)}</legend>
                {has_title.then(|| view! {
                    <RadioOption id="orientation-renewal" name="what" value="renouvellement" selected=what>
                        {i18n.t(Msg::OrientationRenewal)}
                    </RadioOption>
                })}
                {talent.then(|| view! {
                    <RadioOption id="orientation-talent" name="what" value="mention" selected=what>{i18n.t(Msg::OrientationTalent)}</RadioOption>
                })}
                <RadioOption id="orientation-other" name="what" value="autre" selected=what>{i18n.t(Msg::OrientationOther)}</RadioOption>
                <div class="fr-messages-group" aria-live="polite">
                    {move || what_error.get().map(|m| view! { <p class="fr-error-text" id="orientation-what-error">{m}</p> })}
                </div>
            </fieldset>
            <Show when=move || what.get() == "mention">
                <ChoiceList legend=Msg::OrientationMention id="orientation-mention" name="mention" entries=data.talent_mentions.clone()
                    chosen=mention error=form.field("mention")/>
            </Show>
            <Show when=move || what.get() == "autre">
                <ChoiceList legend=Msg::OrientationWhich id="orientation-which" name="other" entries=data.others.clone()
                    chosen=other error=other_error/>
            </Show>
            <ul class="fr-btns-group fr-btns-group--inline-md">
                <li><button type="submit" class="fr-btn" disabled=move || pending.get()>{i18n.t(Msg::OrientationStart)}</button></li>
            </ul>
        </form>
    }
}

/// A list of titles or mentions to pick one from; those not open online are greyed out.
#[component]
fn ChoiceList(
    legend: Msg,
    id: &'static str,
    name: &'static str,
    entries: Vec<OtherTitleView>,
    chosen: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="fr-fieldset" id=id tabindex="-1" class:fr-fieldset--error=move || error.with(Option::is_some)
            aria-describedby="orientation-not-open">
            <legend class="fr-fieldset__legend">{i18n.t(legend)}</legend>
            {entries.into_iter().map(|o| {
                let closed = o.procedure.is_none() || o.refusal.is_some();
                let input_id = format!("{name}-{}", o.code);
                let note = match (&o.procedure, o.refusal.clone()) {
                    (_, Some(refusal)) => Some(refusal),
                    (None, None) => Some(i18n.t(Msg::OrientationNotOpen).to_owned()),
                    (Some(_), None) => None,
                };
                view! {
                    <RadioOption id=input_id name value=o.code selected=chosen disabled=closed>
                        {o.label}
                        {note.map(|n| view! { <span class="fr-hint-text">{n}</span> })}
                    </RadioOption>
                }
            }).collect_view()}
            <div class="fr-messages-group" aria-live="polite">
                {move || error.get().map(|m| view! { <p class="fr-error-text">{m}</p> })}
            </div>
        </fieldset>
        <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" id="orientation-not-open">
            <p>{i18n.t(Msg::OrientationNotOpenInfo)}</p>
        </div>
    }
}
