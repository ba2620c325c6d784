/**
 * The explorer's stylesheet, inlined once per page with the script (Node side only: kept out
 * of the bundle). Scoped to the <lbe-explorer> element; uses the report's CSS variables
 * (lib/render/style.ts) where the page defines them, with fallbacks elsewhere (Jupyter).
 */
export const EXPLORER_CSS = `
lbe-explorer{display:block;border:1px solid var(--line,#dde1e7);border-radius:6px;padding:.75rem .9rem;margin:1rem 0;background:var(--bg,#fff)}
lbe-explorer .lbe-head{margin-bottom:.4rem}
lbe-explorer .lbe-hint{display:block}
lbe-explorer .lbe-hint,lbe-explorer .lbe-note,lbe-explorer .lbe-sub,lbe-explorer .lbe-claim,lbe-explorer .lbe-stale{color:var(--muted,#5b6475);font-size:.82rem}
lbe-explorer .lbe-body{display:grid;grid-template-columns:minmax(0,19rem) minmax(0,1fr);gap:1rem}
lbe-explorer .lbe-out{position:sticky;top:.5rem;align-self:start}
lbe-explorer fieldset{border:0;margin:0;padding:0;min-width:0}
lbe-explorer legend{font-weight:600;font-size:.9rem;padding:0}
lbe-explorer .lbe-field{margin:.45rem 0;font-size:.88rem}
lbe-explorer .lbe-field label{display:block;font-weight:500}
lbe-explorer .lbe-unit{color:var(--muted,#5b6475);font-weight:400}
lbe-explorer .lbe-control{display:flex;gap:.4rem;align-items:center}
lbe-explorer input[type=range]{flex:1 1 auto;min-width:0;margin:0}
lbe-explorer input[type=number]{width:6.5rem;font:inherit;padding:.1rem .25rem}
lbe-explorer input[aria-invalid=true]{outline:2px solid var(--error-fg,#8a1c1c)}
lbe-explorer .lbe-band{display:block;position:relative;height:4px;margin:2px 7.2rem 2px 0;background:var(--line,#dde1e7);border-radius:2px}
lbe-explorer .lbe-range{position:absolute;top:0;height:4px;background:#8fb3e8;border-radius:2px;min-width:2px}
lbe-explorer .lbe-base{position:absolute;top:-3px;width:2px;height:10px;background:var(--fg,#1d2330)}
lbe-explorer .lbe-note,lbe-explorer .lbe-error{display:block;line-height:1.35}
lbe-explorer .lbe-error{color:var(--error-fg,#8a1c1c);font-weight:500}
lbe-explorer .lbe-error:empty{display:none}
lbe-explorer .lbe-figures{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;margin:0}
lbe-explorer .lbe-figures>div{min-width:9rem;flex:1 1 9rem}
lbe-explorer dt{font-size:.82rem;color:var(--muted,#5b6475)}
lbe-explorer dd{margin:0}
lbe-explorer .lbe-big{font-size:1.15rem;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.3}
lbe-explorer .lbe-why{font-size:.8rem;font-weight:400;color:var(--muted,#5b6475)}
lbe-explorer .lbe-verdict{margin:.5rem 0;padding:.35rem .6rem;border-left:4px solid #c2410c;background:var(--panel,#f5f6f8)}
lbe-explorer .lbe-verdict[data-verdict=self-host]{border-left-color:#1f5fbf}
lbe-explorer .lbe-chart svg{display:block;width:100%;height:auto;max-width:600px}
lbe-explorer .lbe-actions button{font:inherit;font-size:.85rem}
lbe-explorer .lbe-actions a{font-size:.85rem;margin-left:.6rem}
lbe-explorer input[type=range]{accent-color:var(--accent,#1f5fbf)}
.output-html:has(>lbe-explorer){overflow:visible}
@media (max-width:760px){
lbe-explorer .lbe-body{display:block}
lbe-explorer .lbe-out{display:contents}
lbe-explorer .lbe-results{position:sticky;bottom:0;z-index:2;margin:.6rem -.9rem 0;padding:.4rem .9rem .1rem;background:var(--bg,#fff);border-top:1px solid var(--line,#dde1e7);box-shadow:0 -6px 10px -8px rgba(0,0,0,.35)}
lbe-explorer .lbe-figures{gap:.15rem .8rem}
lbe-explorer .lbe-figures>div{min-width:0;flex:1 1 40%}
lbe-explorer .lbe-figures>div:last-child{flex-basis:100%}
lbe-explorer .lbe-figures>div:not(:last-child) .lbe-sub{display:none}
lbe-explorer dt,lbe-explorer .lbe-sub{font-size:.75rem}
lbe-explorer .lbe-big{font-size:1.02rem}
lbe-explorer .lbe-verdict{font-size:.84rem;margin:.35rem 0;padding:.25rem .5rem}
}
`.trim();
