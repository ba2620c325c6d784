/**
 * The browser side of the live explorer (bundled by lib/live/bundle.ts, inlined in the page).
 * Defines the <lbe-explorer> element once per page; each element enhances the markup the
 * server rendered: inputs are enabled, a change recomputes with lib's model (compute.ts) and
 * redraws the figures and the chart with the server's own functions, the state goes to the URL
 * fragment. Invalid input shows the model's error next to its field; the last valid result stays.
 */
import { explorerChartSvg } from "./chart";
import { computeExplorer, explorerValues, inputProblem } from "./compute";
import { fieldText } from "./format";
import { EXPLORER_TAG, resultsHtml } from "./markup";
import { readHashState, writeHashState } from "./state";
import type { ExplorerConfig, ExplorerInput } from "./types";

interface Field {
  readonly input: ExplorerInput;
  readonly scale: number;
  readonly slider: HTMLInputElement;
  readonly field: HTMLInputElement;
  readonly error: HTMLElement;
}

/** What tests and benchmarks can read on a mounted element. */
export interface MountedExplorer {
  /** Milliseconds the last input event took, from the event to the updated figures and chart. */
  lastUpdateMs: number;
  /** Input events handled. */
  updates: number;
}

const URL_DELAY_MS = 150;
/** Fired on window when an explorer rewrote the URL fragment (replaceState fires no hashchange). */
const HASH_WRITTEN = "lbe-hash-written";

function mount(host: HTMLElement & Partial<MountedExplorer>): void {
  if (host.dataset.lbeMounted === "1") return;
  const json = host.querySelector('script[data-lbe="config"]');
  if (!json) return;
  host.dataset.lbeMounted = "1";
  const config = JSON.parse(json.textContent ?? "{}") as ExplorerConfig;
  const apiLabel = config.apiLabel ?? "API";
  const part = <T extends Element>(name: string): T => host.querySelector(`[data-lbe="${name}"]`) as T;
  const results = part<HTMLElement>("results");
  const chart = part<HTMLElement>("chart");
  const stale = part<HTMLElement>("stale");
  const general = part<HTMLElement>("error");
  const link = part<HTMLAnchorElement>("link");
  const order = config.inputs.map((i) => i.name);
  const fields = new Map<string, Field>();
  for (const input of config.inputs) {
    const box = host.querySelector(`.lbe-field[data-name="${input.name}"]`);
    if (!box) continue;
    fields.set(input.name, {
      input,
      scale: input.scale ?? 1,
      slider: box.querySelector('[data-role="slider"]') as HTMLInputElement,
      field: box.querySelector('[data-role="field"]') as HTMLInputElement,
      error: box.querySelector('[data-role="error"]') as HTMLElement,
    });
  }

  /** Inputs changed from the article's values (model units; NaN for an empty or unreadable field). */
  let state: Record<string, number> = {};
  /** The last values that computed. */
  let good = explorerValues(config);
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  let written = location.hash;
  host.lastUpdateMs = 0;
  host.updates = 0;

  const show = (f: Field, value: number): void => {
    f.field.value = fieldText(value, f.scale);
    if (Number.isFinite(value)) f.slider.value = String(value * f.scale);
  };

  const clearProblems = (): void => {
    for (const f of fields.values()) {
      f.error.textContent = "";
      f.field.removeAttribute("aria-invalid");
    }
    general.textContent = "";
    stale.hidden = true;
  };

  const showProblems = (error: unknown, edited: string | null): void => {
    clearProblems();
    const problems = new Map<string, string>();
    // Each changed input alone, on the last valid values: finds every invalid field.
    for (const [name, value] of Object.entries(state)) {
      if (!fields.has(name) || Object.is(value, good[name])) continue;
      try {
        computeExplorer({ ...good, [name]: value });
      } catch (e) {
        problems.set(name, inputProblem(e).message);
      }
    }
    if (problems.size === 0) {
      // Valid alone, invalid together: the input the model names, else the one just edited.
      const p = inputProblem(error);
      const target = p.parameter !== null && fields.has(p.parameter) ? p.parameter : edited;
      if (target !== null) problems.set(target, p.message);
      else general.textContent = p.message;
    }
    for (const [name, message] of problems) {
      const f = fields.get(name)!;
      f.error.textContent = message;
      f.field.setAttribute("aria-invalid", "true");
    }
    stale.hidden = false;
  };

  const writeUrl = (): void => {
    clearTimeout(urlTimer);
    urlTimer = undefined;
    const changed: Record<string, number> = {};
    for (const name of order) {
      const v = state[name];
      if (v !== undefined && !Object.is(v, config.inputs.find((i) => i.name === name)!.value)) changed[name] = v;
    }
    const hash = writeHashState(location.hash, config.id, changed, order);
    link.href = `#${hash}`;
    if (`#${hash}` === location.hash || (hash === "" && location.hash === "")) return;
    const url = location.href.split("#")[0] + (hash === "" ? "" : `#${hash}`);
    try {
      history.replaceState(history.state, "", url);
    } catch {
      location.hash = hash;
    }
    written = location.hash;
    // every explorer's link shows the whole page's state
    window.dispatchEvent(new Event(HASH_WRITTEN));
  };

  /** Recomputes from `state`; true when the values were valid. */
  const update = (edited: string | null): boolean => {
    let outcome;
    const values = explorerValues(config, state);
    try {
      outcome = computeExplorer(values);
    } catch (e) {
      showProblems(e, edited);
      return false;
    }
    good = values;
    clearProblems();
    results.innerHTML = resultsHtml(outcome, apiLabel);
    chart.innerHTML = explorerChartSvg(outcome, apiLabel);
    return true;
  };

  const onInput = (event: Event): void => {
    const t0 = performance.now();
    const target = event.target as HTMLInputElement;
    const box = target.closest(".lbe-field") as HTMLElement | null;
    const name = box?.dataset.name;
    const f = name === undefined ? undefined : fields.get(name);
    if (!f || !name) return;
    if (target === f.slider) {
      const v = Number(f.slider.value);
      f.field.value = fieldText(v / f.scale, f.scale);
      state[name] = v / f.scale;
    } else {
      const raw = f.field.value.trim();
      const v = raw === "" ? NaN : Number(raw);
      if (Number.isFinite(v)) f.slider.value = String(v);
      state[name] = v / f.scale;
    }
    const ok = update(name);
    if (ok) {
      if (event.type === "change") writeUrl();
      else if (urlTimer === undefined) urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
    }
    host.updates = (host.updates ?? 0) + 1;
    host.lastUpdateMs = performance.now() - t0;
  };

  /** Applies the URL's state (after the article's values) and recomputes. */
  const fromUrl = (initial: boolean): void => {
    state = readHashState(location.hash, config.id);
    for (const name of Object.keys(state)) if (!fields.has(name)) delete state[name];
    good = explorerValues(config);
    for (const [name, f] of fields) show(f, state[name] ?? f.input.value);
    // The server rendered the article's values: recompute only when the URL says otherwise.
    if (!initial || Object.keys(state).length > 0) update(null);
    link.href = location.hash === "" ? "#" : location.hash;
  };

  const reset = (): void => {
    state = {};
    good = explorerValues(config);
    for (const f of fields.values()) show(f, f.input.value);
    update(null);
    writeUrl();
  };

  const inputs = part<HTMLFieldSetElement>("inputs");
  inputs.addEventListener("input", onInput);
  inputs.addEventListener("change", onInput);
  part<HTMLButtonElement>("reset").addEventListener("click", reset);
  window.addEventListener(HASH_WRITTEN, () => {
    written = location.hash;
    link.href = location.hash === "" ? "#" : location.hash;
  });
  window.addEventListener("hashchange", () => {
    if (location.hash !== written) {
      written = location.hash;
      fromUrl(false);
    }
  });
  fromUrl(true);
  inputs.disabled = false;
  part<HTMLElement>("actions").hidden = false;
  part<HTMLElement>("hint").textContent = " Change an assumption: the figures and the chart follow.";
}

/** Mounts now, or once the element's children are parsed. */
function whenParsed(host: HTMLElement): void {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mount(host), { once: true });
  else mount(host);
}

if (typeof customElements !== "undefined") {
  if (!customElements.get(EXPLORER_TAG)) {
    customElements.define(
      EXPLORER_TAG,
      class extends HTMLElement {
        connectedCallback(): void {
          whenParsed(this);
        }
      },
    );
  }
} else {
  const all = (): void => document.querySelectorAll<HTMLElement>(EXPLORER_TAG).forEach(mount);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all, { once: true });
  else all();
}
