FROM ubuntu AS build
RUN make

FROM nginx:latest
COPY --from=build /out /usr/share/nginx/html
