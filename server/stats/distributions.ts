/**
 * The normal and Student t distributions, as far as the intervals here need them: the BCa interval
 * (bootstrap.ts) needs Φ, Φ⁻¹ and t quantiles, the Wilson interval (position-bias.ts) needs Φ⁻¹. The normal
 * functions are classic closed-form approximations, accurate far beyond what a bootstrap of a few thousand
 * resamples or a 95% interval can resolve; the t CDF is exact for the integer degrees of freedom used here.
 */

/**
 * Φ(x), the standard normal CDF, from erf by Abramowitz & Stegun (1964), formula 7.1.26
 * (|error of erf| ≤ 1.5·10⁻⁷, so |error of Φ| ≤ 7.5·10⁻⁸).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

// Peter J. Acklam's rational approximation of the inverse normal CDF ("An algorithm for computing the inverse
// normal cumulative distribution function", 2003, published on his web page), relative error < 1.15·10⁻⁹.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}

/** Φ⁻¹(p), the standard normal quantile, by Acklam's algorithm; ±Infinity at p = 0 or 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return polynomial(C, q) / (polynomial(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -polynomial(C, q) / (polynomial(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (polynomial(A, r) * q) / (polynomial(B, r) * r + 1);
}

/**
 * P(T ≤ t) for Student's t with an integer number of degrees of freedom, by the finite series of Abramowitz &
 * Stegun (1964), formulas 26.7.3 (odd df) and 26.7.4 (even df), which are exact: with θ = atan(t/√ν) and
 * c = cos²θ, A(t|ν) = P(|T| < t) is (2/π)(θ + sinθ cosθ (1 + (2/3)c + (2·4)/(3·5)c² + …)) for odd ν and
 * sinθ (1 + (1/2)c + (1·3)/(2·4)c² + …) for even ν.
 */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`studentTCdf: degrees of freedom must be a positive integer, got ${nu}`);
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
  const sin = Math.sin(theta);
  const cos = Math.cos(theta);
  const c = cos * cos;
  let absBelow: number;
  if (nu % 2 === 1) {
    let sum = 0;
    if (nu > 1) {
      let term = 1;
      sum = 1;
      for (let k = 1; k <= (nu - 3) / 2; k++) {
        term *= ((2 * k) / (2 * k + 1)) * c;
        sum += term;
      }
    }
    absBelow = (2 / Math.PI) * (theta + sin * cos * sum);
  } else {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= (nu - 2) / 2; k++) {
      term *= ((2 * k - 1) / (2 * k)) * c;
      sum += term;
    }
    absBelow = sin * sum;
  }
  return t >= 0 ? (1 + absBelow) / 2 : (1 - absBelow) / 2;
}

/**
 * The p-quantile of Student's t with integer degrees of freedom: the exact CDF above inverted by bisection
 * to 10⁻¹² (the CDF is monotone, so bisection cannot fail). Above 1,000 degrees of freedom the series gets
 * long and t is within 10⁻³ of normal, so the Cornish–Fisher expansion of A&S 26.7.5 (four terms) is used
 * instead; its error there is below 10⁻⁸, most of it from Acklam's Φ⁻¹.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const nu = degreesOfFreedom;
  if (!Number.isInteger(nu) || nu < 1) throw new RangeError(`studentTQuantile: degrees of freedom must be a positive integer, got ${nu}`);
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p < 0.5) return -studentTQuantile(1 - p, nu);
  if (nu > 1000) return cornishFisherT(p, nu);
  let low = 0;
  let high = 1;
  // Both loops are bounded: for p within an ulp of 1 the CDF may never reach p in floating point.
  while (studentTCdf(high, nu) < p && high < 1e300) high *= 2;
  for (let step = 0; step < 2000 && high - low > 1e-12 * Math.max(1, high); step++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, nu) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function cornishFisherT(p: number, nu: number): number {
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / nu + g2 / nu ** 2 + g3 / nu ** 3 + g4 / nu ** 4;
}
