# The simulator app. Used by docker-compose.yml; runs the prestart step (migrations, seed
# scenarios), then Streamlit.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 DATA_DIR=/app/data
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng ffmpeg \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt requirements-hashed.txt ./
RUN pip install -r requirements.txt && pip install --require-hashes --no-deps -r requirements-hashed.txt

COPY . .
RUN python -m sim_core.nlp.train_acts
RUN useradd --create-home --uid 1000 sim && mkdir -p /app/data && chown -R sim /app/data
USER sim

EXPOSE 8501
CMD ["sh", "-c", "python -m cli prestart && exec streamlit run serve.py --server.address=0.0.0.0 --server.port=8501 --server.headless=true"]
