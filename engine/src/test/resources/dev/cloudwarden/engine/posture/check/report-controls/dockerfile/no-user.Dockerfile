FROM python:3.12-slim AS build
USER nobody
RUN pip wheel --wheel-dir /wheels requests

FROM python:3.12-slim
COPY --from=build /wheels /wheels
CMD ["python"]
