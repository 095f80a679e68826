"""The baseline for the dashboard benchmark: one slider and one Plotly chart, nothing else."""

import os
import sys
import time

import plotly.graph_objects as go
import streamlit as st

started = time.perf_counter()
weight = st.slider("Weight", 0.0, 4.0, 0.9, step=0.05)
xs = [i / 14 for i in range(15)]
figure = go.Figure(go.Scatter(x=[min(1.0, x * weight) for x in xs], y=list(range(15))))
figure.update_xaxes(range=[0, 1.05])  # fixed, so a new weight visibly moves the points
st.plotly_chart(figure)
if os.environ.get("SPECTRUM_TIMING"):
    elapsed = (time.perf_counter() - started) * 1000
    print(f"[spectrum-timing] page=minimal ms={elapsed:.1f}", file=sys.stderr)
