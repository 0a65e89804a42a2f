"""Reference values of the conditional predictions (issue 12), at 30 digits with mpmath 1.3.

Run: python3 conditional_predictions_mpmath.py
Used by ConditionalPredictionsTest.dertOfAWorkedExample and ExponentialIntegralTest.knownValues.
"""
import mpmath as m

m.mp.dps = 30

# Pareto/NBD, the CDNOW fit (weeks), customer x = 2, t_x = 30.43, T = 38.86, 15 % a year
r, al, s, be = m.mpf('0.5533'), m.mpf('10.5776'), m.mpf('0.6062'), m.mpf('11.6679')
x, tx, T = 2, m.mpf('30.43'), m.mpf('38.86')
d = m.log(m.mpf('1.15')) / 52
# P(alive): alive at T against dead between t_x and T (the common factor Gamma(r+x) a^r b^s / Gamma(r) cancels)
A = (al + T) ** (-(r + x)) * (be + T) ** (-s)
D = m.quad(lambda t: (al + t) ** (-(r + x)) * s * (be + t) ** (-(s + 1)), [tx, T])
alive = A / (A + D)
print('P(alive)', alive)  # 0.869121095704059123570475076931
# DERT, Fader, Hardie & Lee (2005, JMR) eq. 2 in the P(alive) form
print('DERT', alive * (r + x) / (al + T) * (be + T) ** s * d ** (s - 1) * m.hyperu(s, s, d * (be + T)))
# 6.50039829106994501504780071548

# J(s, z) = e^z E_s(z) = z^(s-1) U(s, s, z)
print('J(1, 1)', m.exp(1) * m.expint(1, 1))  # 0.596347362323194074341078499369
print('J(2, 0.5)', m.exp(0.5) * m.expint(2, 0.5))  # 0.538544683758134765583575312086
z = m.mpf(0.13627)
print('J(0.6062, 0.13627)', z ** (m.mpf(0.6062) - 1) * m.hyperu(0.6062, 0.6062, z), m.exp(z) * m.expint(0.6062, z))
# 2.86011482655884997500847394605 (both forms)
