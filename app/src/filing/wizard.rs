//! The filing wizard (SPEC §4–5): the preamble, then one page per step of the procedure, all
//! driven by the catalogue. Each validated step is saved on the server with a version check;
//! what is typed is also kept in the browser so a reload or a lost connection loses nothing.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use super::documents::DocumentsStep;
use super::fields::{input_id, CatalogueField};
use super::offline::{self, LocalDraft};
use super::recap::{ConfirmationStep, RecapStep};
use super::{abandon_application, load_draft, paths, save_step, DraftView};
use crate::accounts::paths as account_paths;
use crate::components::forms::{ErrorSummary, FormErrors};
use crate::domain::catalogue::answers::{belongs_to_step, display_answer, format_euros, monthly_total, step_answers};
use crate::domain::catalogue::common::{is_address_field, ADDRESS_FIELDS, ADDRESS_STREET, PERSONAL_STEP};
use crate::domain::catalogue::recap::ReopenedPart;
use crate::domain::catalogue::{self, models, validate_step, AddressEntry, Answers, Field, FieldKind, Procedure, Step, StepKind};
use crate::domain::lifecycle::FileStatus;
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::procedures::ApplicantPage;

/// The step value of the preamble page in the URL.
pub const PREAMBLE: &str = "preambule";

/// What every part of the wizard shares.
#[derive(Clone, Copy)]
pub struct Wizard {
    /// The draft as the server last confirmed it (version, validated parts, files…).
    pub draft: RwSignal<DraftView>,
    /// The answers the page holds: the saved ones and what is being typed.
    pub answers: RwSignal<Answers>,
    pub procedure: &'static Procedure,
    pub online: ReadSignal<bool>,
    /// Another tab or device saved this draft since it was loaded.
    pub conflict: RwSignal<bool>,
    /// The recap parts the last saves took back to "to validate", and why (said on the recap).
    pub reopened: RwSignal<Vec<ReopenedPart>>,
    /// The recap part to open next ("Valider et vérifier la suite de ma saisie").
    pub next_part: RwSignal<Option<&'static str>>,
}

impl Wizard {
    pub fn id(self) -> String {
        self.draft.with_untracked(|d| d.id.clone())
    }

    pub fn version(self) -> i32 {
        self.draft.with_untracked(|d| d.version)
    }

    fn position(self, step: &str) -> Option<usize> {
        self.procedure.steps.iter().position(|s| s.id == step)
    }

    /// The step before `step`; the preamble before the first.
    pub fn previous_step(self, step: &str) -> &'static str {
        self.position(step).and_then(|i| i.checked_sub(1)).map(|i| self.procedure.steps[i].id).unwrap_or(PREAMBLE)
    }

    /// Reports an error of a server call: a stale version is a conflict for the whole page.
    pub fn report(self, error: AppError, form: FormErrors) {
        if error == AppError::Conflict {
            self.conflict.set(true);
        } else {
            form.show(error);
        }
    }
}

/// The ANTS page that locates the approved e-photo booths and photographers.
pub const EPHOTO_LOCATOR: &str = "https://ants.gouv.fr/nos-missions/les-titres-produits-par-l-ants/e-photo";

/// Moves the focus to the title of the new step, as a page load would for a screen reader.
pub fn focus_title() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(title) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("wizard-title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = title.focus();
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
}

#[component]
pub fn WizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let draft = Resource::new(move || id.get(), load_draft);
    view! {
        <ApplicantPage title=Msg::ProceduresNew return_to=account_paths::PROCEDURES trail=vec![(Msg::ProceduresTitle, account_paths::PROCEDURES)] heading=false>
            <Suspense fallback=|| ()>
                {move || draft.get().map(|loaded| match loaded {
                    Ok(draft) => view! { <WizardSteps draft/> }.into_any(),
                    Err(error) => view! {
                        <h1>{i18n.t(Msg::ProceduresNew)}</h1>
                        <div class="fr-alert fr-alert--error" role="alert">
                            <p>{if error == AppError::NotFound { i18n.t(Msg::WizardNotFound) } else { error.message(i18n.lang()) }}</p>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </ApplicantPage>
    }
}

#[component]
fn WizardSteps(draft: DraftView) -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let Some(procedure) = catalogue::procedure(&draft.procedure) else {
        return view! { <div class="fr-alert fr-alert--error" role="alert"><p>{i18n.t(Msg::WizardNotFound)}</p></div> }.into_any();
    };
    let wizard = Wizard {
        answers: RwSignal::new(draft.answers.clone()),
        draft: RwSignal::new(draft),
        procedure,
        online: offline::use_online(),
        conflict: RwSignal::new(false),
        reopened: RwSignal::new(Vec::new()),
        next_part: RwSignal::new(None),
    };
    provide_context(wizard);
    let requested = Memo::new(move |_| params.read().get("etape").unwrap_or_default());

    // The step shown: a filed application shows its confirmation, an abandoned one a notice;
    // a step after the last saved one shows the last saved one.
    let shown = Memo::new(move |_| {
        let (status, current) = wizard.draft.with(|d| (d.status, d.current_step.clone()));
        let requested = requested.get();
        if !status.is_editable_by_applicant() {
            return procedure.steps.iter().find(|s| s.kind == StepKind::Confirmation).map(|s| s.id.to_owned()).unwrap_or(requested);
        }
        if requested == PREAMBLE {
            return requested;
        }
        match (wizard.position(&requested), wizard.position(&current)) {
            (Some(asked), Some(reached)) if asked <= reached => requested,
            (_, Some(_)) => current,
            _ => PREAMBLE.to_owned(),
        }
    });

    view! {
        <Show when=move || wizard.conflict.get()>
            <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
                <p>{i18n.t(Msg::WizardConflict)}</p>
                <a class="fr-btn fr-btn--sm fr-mt-1w" href=move || paths::step(&wizard.id(), &shown.get()) rel="external">{i18n.t(Msg::WizardReload)}</a>
            </div>
        </Show>
        <Show when=move || !wizard.online.get()>
            <div class="fr-alert fr-alert--info fr-mb-3w" role="status">
                <p>{i18n.t(Msg::WizardOffline)}</p>
            </div>
        </Show>
        {move || {
            let step_id = shown.get();
            if wizard.draft.with(|d| d.status == FileStatus::Abandonnee) {
                return view! {
                    <h1 id="wizard-title" tabindex="-1">{procedure.title.get(i18n.lang())}</h1>
                    <div class="fr-alert fr-alert--info"><p>{i18n.t(Msg::WizardAbandoned)}</p></div>
                    <a class="fr-btn fr-mt-3w" href=account_paths::PROCEDURES>{i18n.t(Msg::ConfirmationBack)}</a>
                }.into_any();
            }
            match procedure.step(&step_id) {
                None => view! { <Preamble/> }.into_any(),
                Some(step) => view! {
                    <Stepper step/>
                    {match step.kind {
                        StepKind::Form => view! { <FormStep step/> }.into_any(),
                        StepKind::Documents => view! { <DocumentsStep step/> }.into_any(),
                        StepKind::Recap => view! { <RecapStep/> }.into_any(),
                        StepKind::Confirmation => view! { <ConfirmationStep/> }.into_any(),
                    }}
                }.into_any(),
            }
        }}
    }
    .into_any()
}

/// The DSFR stepper: "Étape n sur N", the bar, the next step, and the list of step names.
#[component]
fn Stepper(step: &'static Step) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let steps = wizard.procedure.steps;
    let n = wizard.position(step.id).unwrap_or(0) + 1;
    let total = steps.len();
    let next = steps.get(n).map(|s| s.title.get(lang));
    view! {
        <p class="fr-text--lg fr-mb-1w">{wizard.procedure.title.get(lang)}</p>
        <div class="fr-stepper">
            <h1 class="fr-stepper__title" id="wizard-title" tabindex="-1">
                {step.title.get(lang)}
                <span class="fr-stepper__state">{i18n.fill(Msg::WizardStepOf, &[("n", &n.to_string()), ("total", &total.to_string())])}</span>
            </h1>
            <div class="fr-stepper__steps" data-fr-current-step=n data-fr-steps=total aria-hidden="true"
                style=format!("--wizard-steps: {total}; --wizard-current: {n}")></div>
            {next.map(|next| view! {
                <p class="fr-stepper__details"><span class="fr-text--bold">{i18n.t(Msg::WizardNextStep)}</span>" "{next}</p>
            })}
        </div>
        <ol class="wizard-steps fr-text--sm">
            {steps.iter().enumerate().map(|(i, s)| view! {
                <li aria-current=(i + 1 == n).then_some("step") class:wizard-steps--done=i + 1 < n>{s.title.get(lang)}</li>
            }).collect_view()}
        </ol>
    }
}

/// "Abandonner la demande" with its confirmation, and "Quitter et revenir plus tard".
#[component]
pub fn WizardExits() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let abandon = move |_| {
        let id = wizard.id();
        spawn_local(async move {
            match abandon_application(id.clone()).await {
                Ok(()) => {
                    offline::forget(&id);
                    wizard.draft.update(|d| d.status = FileStatus::Abandonnee);
                    crate::layout::hard_navigate(account_paths::PROCEDURES);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mt-3w wizard-exits">
            <li>
                <button type="button" class="fr-btn fr-btn--tertiary" aria-expanded=move || confirming.get().to_string()
                    aria-controls="wizard-abandon" on:click=move |_| confirming.update(|c| *c = !*c)>
                    {i18n.t(Msg::WizardAbandon)}
                </button>
            </li>
            <li>
                <a class="fr-btn fr-btn--tertiary" href=account_paths::PROCEDURES>{i18n.t(Msg::WizardQuit)}</a>
            </li>
        </ul>
        <div id="wizard-abandon">
            <Show when=move || confirming.get()>
                <div class="fr-alert fr-alert--warning fr-mb-3w" role="alert">
                    <p>{i18n.t(Msg::WizardAbandonConfirm)}</p>
                    {move || error.get().map(|e| view! { <p class="fr-error-text">{e.message(i18n.lang())}</p> })}
                    <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mt-2w">
                        <li><button type="button" class="fr-btn" on:click=abandon>{i18n.t(Msg::WizardAbandonYes)}</button></li>
                        <li><button type="button" class="fr-btn fr-btn--secondary" on:click=move |_| confirming.set(false)>{i18n.t(Msg::WizardAbandonNo)}</button></li>
                    </ul>
                </div>
            </Show>
        </div>
    }
}

/// The preamble (SPEC §4): steps, save notice, formats, the list of documents, the models.
#[component]
fn Preamble() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let procedure = wizard.procedure;
    let current = move || wizard.draft.with(|d| d.current_step.clone());
    view! {
        <p class="fr-text--lg fr-mb-1w">{procedure.title.get(lang)}</p>
        <h1 id="wizard-title" tabindex="-1">{i18n.t(Msg::PreambleTitle)}</h1>
        <p class="preamble-intro">{procedure.intro.get(lang)}</p>
        <p>{i18n.t(Msg::PreambleObservations)}</p>
        <h2 class="fr-h4">{i18n.t(Msg::PreambleSteps)}</h2>
        <ol class="preamble-steps">
            {procedure.steps.iter().map(|s| view! {
                <li><strong>{s.title.get(lang)}</strong>" : "{s.summary.get(lang)}</li>
            }).collect_view()}
        </ol>
        <div class="fr-notice fr-notice--info fr-my-3w">
            <div class="fr-container"><div class="fr-notice__body">
                <p class="fr-notice__title">{i18n.t(Msg::PreambleSaved)}</p>
            </div></div>
        </div>
        <p>{i18n.t(Msg::PreambleFormats)}</p>
        <ul class="fr-links-group">
            <li>
                <a class="fr-link fr-link--download" href=paths::documents_list(procedure.id) rel="external" download>
                    {i18n.t(Msg::PreambleDocumentsList)}
                    <span class="fr-link__detail">"PDF"</span>
                </a>
            </li>
        </ul>
        {(!procedure.models.is_empty()).then(|| view! {
            <h2 class="fr-h4 fr-mt-3w">{i18n.t(Msg::PreambleModels)}</h2>
            <ul class="fr-links-group">
                {procedure.models.iter().filter_map(|code| models::model(code)).map(|m| view! {
                    <li>
                        <a class="fr-link fr-link--download" href=paths::model(m.code) rel="external" download>
                            {m.title.get(lang)}
                            <span class="fr-link__detail">"PDF"</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <p class="fr-mt-3w">
            <a class="fr-link" href=EPHOTO_LOCATOR target="_blank" rel="noopener external"
                title=format!("{} – nouvelle fenêtre", i18n.t(Msg::PreambleEphoto))>
                {i18n.t(Msg::PreambleEphoto)}
            </a>
        </p>
        <WizardExits/>
        <ul class="fr-btns-group fr-btns-group--right fr-btns-group--inline-md">
            <li><a class="fr-btn" href=move || paths::step(&wizard.id(), &current())>{i18n.t(Msg::PreambleContinue)}</a></li>
        </ul>
    }
}

/// Restores input kept in the browser for `step` when it was typed over the version the server
/// still has; input over an older version is dropped (the server's newer save wins, visibly).
fn restore_kept(wizard: Wizard, step: &'static Step) -> bool {
    let Some(kept) = offline::kept(&wizard.id()) else { return false };
    if kept.step != step.id || kept.version != wizard.version() {
        return false;
    }
    let kept = step_answers(step, &kept.answers);
    let changed = wizard.answers.with_untracked(|current| step_answers(step, current) != kept);
    wizard.answers.update(|answers| {
        answers.0.retain(|key, _| !belongs_to_step(step, key));
        answers.0.extend(kept.0);
    });
    changed
}

/// Validates `step` in the browser, then saves it; offline, the save waits for the network.
pub fn use_step_save(
    step: &'static Step,
    form: FormErrors,
    extra_check: impl Fn(&Answers) -> Result<(), crate::domain::validation::FieldErrors> + Copy + Send + Sync + 'static,
) -> (Callback<()>, RwSignal<bool>, RwSignal<bool>) {
    let wizard = expect_context::<Wizard>();
    let pending = RwSignal::new(false);
    let waiting_for_network = RwSignal::new(false);
    let navigate = crate::layout::Navigator::new();
    let save = Callback::new(move |()| {
        let answers = wizard.answers.get_untracked();
        let mut errors = validate_step(step, &answers, &wizard.draft.with_untracked(|d| d.applicant)).err().unwrap_or_default();
        if let Err(more) = extra_check(&answers) {
            errors.0.extend(more.0);
        }
        if !errors.is_empty() {
            form.show_fields(errors);
            return;
        }
        form.clear();
        pending.set(true);
        let (id, version) = (wizard.id(), wizard.version());
        let mine = step_answers(step, &answers);
        spawn_local(async move {
            let result = save_step(id.clone(), step.id.to_owned(), version, mine.clone()).await;
            pending.set(false);
            match result {
                Ok(saved) => {
                    waiting_for_network.set(false);
                    offline::forget(&id);
                    wizard.draft.update(|d| {
                        d.version = saved.version;
                        d.current_step = saved.next_step.clone();
                        d.answers.0.retain(|key, _| !belongs_to_step(step, key));
                        d.answers.0.extend(mine.0);
                        d.recap_validated.retain(|p| !saved.reopened.iter().any(|r| &r.part == p));
                    });
                    wizard.reopened.update(|all| {
                        all.retain(|r| !saved.reopened.iter().any(|new| new.part == r.part));
                        all.extend(saved.reopened.iter().cloned());
                    });
                    navigate.go(&paths::step(&id, &saved.next_step));
                    focus_title();
                }
                Err(AppError::Network(_)) => {
                    waiting_for_network.set(true);
                    offline::keep(&id, &LocalDraft { version, step: step.id.to_owned(), answers: mine });
                }
                Err(error) => wizard.report(error, form),
            }
        });
    });
    // Back online with a save waiting: send it.
    Effect::new(move |_| {
        if wizard.online.get() && waiting_for_network.get_untracked() && !pending.get_untracked() {
            save.run(());
        }
    });
    (save, pending, waiting_for_network)
}

/// Keeps what is typed in `step` in the browser, and restores it after a reload.
pub fn use_kept_input(step: &'static Step) -> RwSignal<bool> {
    let wizard = expect_context::<Wizard>();
    let restored = RwSignal::new(false);
    Effect::new(move |first: Option<()>| {
        // Read first, so that every change of the answers runs this again.
        let answers = wizard.answers.with(|a| step_answers(step, a));
        if first.is_none() {
            if restore_kept(wizard, step) {
                restored.set(true);
            }
            return;
        }
        offline::keep(&wizard.id(), &LocalDraft { version: wizard.version(), step: step.id.to_owned(), answers });
    });
    restored
}

/// A form step: the catalogue's fields, shown according to the answers.
#[component]
fn FormStep(step: &'static Step) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let applicant = wizard.draft.with_untracked(|d| d.applicant);
    let form = FormErrors::new();
    let restored = use_kept_input(step);
    let (save, pending, waiting) = use_step_save(step, form, |_| Ok(()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.run(());
    };
    let labels: Vec<(String, String)> = step.fields.iter().map(|f| (f.id.to_owned(), f.label.get(lang).to_owned())).collect();
    let total = (wizard.procedure.monthly_minimum.is_totalled() && step.fields.iter().any(|f| f.kind == FieldKind::MonthlyAmount))
        .then(|| view! { <ResourcesTotal step/> });
    view! {
        <Show when=move || restored.get()>
            <div class="fr-alert fr-alert--info fr-alert--sm fr-mb-3w" role="status"><p>{i18n.t(Msg::WizardRestored)}</p></div>
        </Show>
        <form on:submit=on_submit novalidate>
            <ErrorSummary form prefix="f" labels=vec![] texts=labels/>
            <p class="fr-text--sm">{i18n.t(Msg::RequiredFieldsNote)}</p>
            {(step.id == PERSONAL_STEP.id).then(|| view! { <CivilStatus civil=wizard.draft.with_untracked(|d| d.civil_status.clone())/> })}
            {fields_of(step, wizard.procedure).map(|part| match part {
                FormPart::Field(field) => view! { <CatalogueField field answers=wizard.answers errors=form applicant/> }.into_any(),
                FormPart::AccountAddress => view! { <AccountAddress/> }.into_any(),
            }).collect_view()}
            {total}
            <StepNav step pending waiting/>
        </form>
        <WizardExits/>
    }
}

/// What a form step shows, in order: its fields, except that the address of a procedure which
/// takes the account's is one read-only block where its first field would be.
enum FormPart {
    Field(&'static Field),
    AccountAddress,
}

fn fields_of(step: &'static Step, procedure: &'static Procedure) -> impl Iterator<Item = FormPart> {
    let from_account = procedure.address == AddressEntry::FromAccount;
    let first_address = step.fields.iter().position(|f| is_address_field(f.id));
    step.fields.iter().enumerate().filter_map(move |(n, field)| match (from_account, is_address_field(field.id)) {
        (true, true) => (Some(n) == first_address).then_some(FormPart::AccountAddress),
        _ => Some(FormPart::Field(field)),
    })
}

/// The account's address, read-only, and where to declare a move (seed 001: a move is declared
/// on the account before the renewal is asked; the server files the account's address).
#[component]
fn AccountAddress() -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let wizard = expect_context::<Wizard>();
    let rows = move || {
        wizard.answers.with(|answers| {
            ADDRESS_FIELDS
                .iter()
                .filter(|f| !matches!(f.kind, FieldKind::AddressSearch(_)))
                .map(|f| (f.label.get(lang), answers.get(f.id).map(|v| display_answer(f, v, lang))))
                .collect::<Vec<_>>()
        })
    };
    let missing = move || wizard.answers.with(|a| a.get(ADDRESS_STREET.id).is_none());
    view! {
        <section class="fr-mb-4w account-address" id=input_id(ADDRESS_STREET.id) tabindex="-1" aria-labelledby="account-address-title">
            <h2 class="fr-h5" id="account-address-title">{i18n.t(Msg::WizardAccountAddressTitle)}</h2>
            <dl class="answers">
                {move || rows().into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt>
                    <dd>{value.unwrap_or_else(|| i18n.t(Msg::RecapNotAnswered).to_owned())}</dd>
                }).collect_view()}
            </dl>
            <div class=move || if missing() { "fr-alert fr-alert--warning fr-alert--sm" } else { "fr-alert fr-alert--info fr-alert--sm" }>
                <p>{i18n.t(Msg::WizardAccountAddressNote)}</p>
                <p><a class="fr-link" href=format!("{}#coordonnees", account_paths::ACCOUNT)>{i18n.t(Msg::WizardAccountAddressLink)}</a></p>
            </div>
        </section>
    }
}

/// The foot of a step's form: the notice of a save waiting for the network, "back" and
/// "continue" (the form's submit).
#[component]
pub fn StepNav(step: &'static Step, pending: RwSignal<bool>, waiting: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let previous = wizard.previous_step(step.id);
    view! {
        <Show when=move || waiting.get()>
            <p class="fr-info-text" role="status">{i18n.t(Msg::WizardSyncPending)}</p>
        </Show>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--between wizard-nav fr-mt-4w">
            <li><a class="fr-btn fr-btn--secondary" href=move || paths::step(&wizard.id(), previous)>{i18n.t(Msg::WizardBack)}</a></li>
            <li><button type="submit" class="fr-btn" disabled=move || pending.get()>{i18n.t(Msg::WizardContinue)}</button></li>
        </ul>
    }
}

/// The live total of the monthly amounts, the minimum that applies to the answers (a talent
/// card's follows its sub-mention), and the warning below it (never a block).
#[component]
fn ResourcesTotal(step: &'static Step) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = expect_context::<Wizard>();
    let rule = wizard.procedure.monthly_minimum;
    let total = Memo::new(move |_| wizard.answers.with(|a| monthly_total(step, a)));
    let minimum = Memo::new(move |_| wizard.answers.with(|a| rule.for_answers(a)));
    view! {
        <div class="fr-callout fr-my-3w resources-total" aria-live="polite">
            <p class="fr-callout__title">{move || i18n.fill(Msg::WizardTotal, &[("total", &format_euros(total.get()))])}</p>
            {move || minimum.get().map(|minimum| view! {
                <p class="fr-callout__text">{i18n.fill(Msg::WizardMinimum, &[("minimum", &format_euros(minimum))])}</p>
            })}
            <Show when=move || minimum.get().is_some_and(|minimum| total.get() < minimum)>
                <p class="fr-alert fr-alert--warning fr-alert--sm fr-mt-2w">{i18n.t(Msg::WizardBelowMinimum)}</p>
            </Show>
        </div>
    }
}

/// The civil status from the register, read-only (the wizard's first step, the account page).
#[component]
pub fn CivilStatus(
    civil: crate::filing::CivilStatusView,
    /// Where to report an error in it.
    #[prop(default = Msg::WizardCivilStatusNote)]
    note: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = civil_status_rows(civil, i18n.lang());
    view! {
        <section class="fr-mb-4w civil-status" aria-labelledby="civil-status-title">
            <h2 class="fr-h5" id="civil-status-title">{i18n.t(Msg::WizardCivilStatus)}</h2>
            <dl class="answers">
                {rows.into_iter().map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> }).collect_view()}
            </dl>
            <p class="fr-text--sm">{i18n.t(note)}</p>
        </section>
    }
}

/// The civil status as the registers know it, and the account's e-mail: label and value, in
/// `lang` (the personal step shows them read-only, and so does part 1 of the recap).
pub fn civil_status_rows(civil: crate::filing::CivilStatusView, lang: crate::i18n::Lang) -> Vec<(String, String)> {
    use crate::i18n::Lang;
    let sex = match (civil.sex.as_str(), lang) {
        ("F", Lang::Fr) => "Féminin",
        ("F", _) => "Female",
        (_, Lang::Fr) => "Masculin",
        _ => "Male",
    };
    let country = |code: &str| {
        crate::domain::countries::find(code)
            .map(|c| if lang == Lang::En { c.en } else { c.fr }.to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let birth_name = match &civil.usage_name {
        Some(usage) if !usage.is_empty() => format!("{} (usage : {usage})", civil.birth_name),
        _ => civil.birth_name.clone(),
    };
    [
        (Msg::WizardBirthName, birth_name),
        (Msg::WizardGivenNames, civil.given_names),
        (Msg::WizardSex, sex.to_owned()),
        (Msg::WizardBirth, format!("{}, {} ({})", civil.birth_date, civil.birth_place, country(&civil.birth_country))),
        (Msg::WizardNationality, country(&civil.nationality)),
        (Msg::WizardEmail, civil.email),
    ]
    .into_iter()
    .map(|(label, value)| (label.text(lang).to_owned(), value))
    .collect()
}
