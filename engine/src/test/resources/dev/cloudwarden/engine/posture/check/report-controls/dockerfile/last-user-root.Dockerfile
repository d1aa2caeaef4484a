FROM node:20
USER node
RUN npm ci
USER root
CMD ["node", "server.js"]
