// The status page's stylesheet, inline (one request per page) and allowed by its hash in the CSP.
import { createHash } from 'node:crypto';

export const STATUS_CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--ok:#1a7f37;--minor:#bf8700;--partial:#d4610c;--major:#cf222e;--maint:#0969da;--none:#d1d9e0}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:860px;margin:0 auto;padding:0 16px}header h1{font-size:1.6rem;margin:24px 0 16px}
a{color:var(--maint)}.home{color:inherit;text-decoration:none}.banner{border-radius:6px;padding:14px 18px;color:#fff;font-weight:600;font-size:1.15rem;margin:0 0 24px}
.banner-none{background:var(--ok)}.banner-minor{background:var(--minor)}.banner-major{background:var(--partial)}.banner-critical{background:var(--major)}.banner-maintenance{background:var(--maint)}
section{margin:0 0 32px}h2{font-size:1.2rem;margin:0 0 12px}
.incident{border:1px solid var(--line);border-left:6px solid var(--partial);border-radius:6px;padding:12px 16px;margin:0 0 16px}
.impact-none{border-left-color:var(--line)}.impact-minor{border-left-color:var(--minor)}.impact-critical{border-left-color:var(--major)}
.incident h3{margin:0 0 8px;font-size:1.1rem}.updates{list-style:none;margin:0;padding:0}.updates li{margin:0 0 10px}
.updates p{margin:2px 0;white-space:pre-wrap;overflow-wrap:anywhere}time,.muted{color:var(--muted);font-size:.875rem}
.group{border:1px solid var(--line);border-radius:6px;margin:0 0 16px}.group>h3{margin:0;padding:10px 16px;border-bottom:1px solid var(--line);font-size:1rem}
.component{padding:12px 16px;border-bottom:1px solid var(--line)}.component:last-child{border-bottom:0}
.row{display:flex;justify-content:space-between;gap:12px;flex-wrap:wrap}.name{font-weight:600}
.state-operational{color:var(--ok)}.state-degraded_performance{color:var(--minor)}.state-partial_outage{color:var(--partial)}.state-major_outage{color:var(--major)}.state-under_maintenance{color:var(--maint)}
.bars{display:flex;gap:2px;height:34px;margin:8px 0 4px}.bar{flex:1;border-radius:2px;background:var(--ok);min-width:1px}
.bar-nodata{background:var(--none)}.bar-under_maintenance{background:var(--maint)}.bar-degraded_performance{background:var(--minor)}.bar-partial_outage{background:var(--partial)}.bar-major_outage{background:var(--major)}
.legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.8rem}
.past li{margin:0 0 12px}.past ul{list-style:none;padding:0}footer{color:var(--muted);font-size:.875rem;padding-bottom:32px}
@media (max-width:600px){.bars{gap:1px;height:28px}.bar:nth-child(-n+60){display:none}.legend .from90{display:none}.legend .from30{display:inline}}
.legend .from30{display:none}
.subscribe form{display:flex;flex-direction:column;gap:10px;max-width:420px}.subscribe input[type=email]{display:block;width:100%;font:inherit;padding:8px;margin-top:4px;border:1px solid var(--line);border-radius:6px}
fieldset{border:1px solid var(--line);border-radius:6px;padding:8px 12px}.choice{display:block}button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid var(--maint);background:var(--maint);color:#fff;cursor:pointer;align-self:flex-start}
.maintenance{border-left-color:var(--maint)}.when{margin:0 0 8px}.past .incident{border-left-width:1px}.past h3 a{color:inherit}
`;

export const STATUS_CSS_HASH = `sha256-${createHash('sha256').update(STATUS_CSS).digest('base64')}`;
