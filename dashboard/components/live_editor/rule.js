// The position rule of model/scoring.py, for the browser: where each persona sits on the axis
// under a set of weights, recomputed while a weight slider moves.
//
// Its inputs are model/live_rule.py's export (`live_rule`), never restated here: columns,
// weights, settings and zone edges all come from the server. It follows model/engine.py step by
// step (the same sums, the same clip, the same compression), so the two agree to rounding; a
// browser test holds it to model.scoring.reference_position within 1e-9
// (tests/browser/test_live_editor.py). A rule of another version is refused: the page then
// waits for the server's numbers instead of drawing wrong ones.

export const RULE_VERSION = 2;

/** True when this file implements the rule `rule` describes. */
export function supports(rule) {
  return Boolean(rule) && rule.version === RULE_VERSION;
}

function weighted(row, weights, [start, stop]) {
  let total = 0;
  for (let i = start; i < stop; i += 1) total += weights[i] * row[i];
  return total;
}

// A kind's factors open its band when one is at the presence level and switched on (weight > 0).
function present(row, weights, [start, stop], level) {
  for (let i = start; i < stop; i += 1) if (weights[i] > 0 && row[i] >= level) return true;
  return false;
}

/** One persona's position (`row`: its values in the rule's columns), or NaN if the weights
 * leave the rule undefined (every capital weight at 0, which the model refuses). */
export function position(rule, row, weights) {
  const c = rule.columns;
  let capitalWeight = 0;
  for (let i = c.capital[0]; i < c.capital[1]; i += 1) capitalWeight += weights[i];
  if (!(capitalWeight > 0)) return NaN;
  const lack = rule.capital_lack;
  // λ·A, kept within [0, λ] as the engine keeps it; 1 − L = λ·A + (1 − λ).
  const share = Math.min(Math.max((lack * weighted(row, weights, c.capital)) / capitalWeight, 0), lack);
  const kept = share + (1 - lack);
  // The two strands are needed only together: (1 − H)(1 − S) = exp(−(h + s)).
  const strands = weighted(row, weights, c.hardship) + weighted(row, weights, c.struggle);
  const free = kept * Math.exp(-strands); // 1 − C
  const controlFree = Math.exp(-weighted(row, weights, c.control)); // 1 − K
  const m = rule.ceiling;
  const raw = 1 - (free * m + (1 - m)) * controlFree; // K + (1 − K)·m·C

  let code = 0; // 0 neither strand, 1 hardship, 2 both, 3 force or manipulation
  if (present(row, weights, c.hardship, rule.presence)) {
    code = present(row, weights, c.struggle, rule.presence) ? 2 : 1;
  }
  for (const i of c.decisive) if (weights[i] > 0 && row[i] >= rule.threshold) code = 3;

  const edges = rule.edges;
  if (code === 3) return Math.max(raw, edges[4]); // at least the coercion boundary
  const order = rule.reach_top[code];
  const low = edges[order];
  const half = (edges[order + 1] - low) / 2;
  const knee = low + half;
  const room = rule.headroom * half;
  // Past the middle of the highest zone allowed, compressed so it never reaches the next.
  const placed = raw > knee ? knee + room * Math.tanh((raw - knee) / room) : raw;
  return Math.max(placed, 0);
}

/** Every persona's position under `weights` (by default the rule's own), or null when this
 * file does not implement the rule or the weights leave it undefined. */
export function positions(rule, values, weights = rule.weights) {
  if (!supports(rule)) return null;
  const out = values.map((row) => position(rule, row, weights));
  return out.every(Number.isFinite) ? out : null;
}
