// Runs once, when the MongoDB volume is first initialised (docker-entrypoint-initdb.d): the service's
// own user, allowed to read and write its database only (the root user stays with the operator).
db.getSiblingDB('admin').createUser({
  user: process.env.MONGO_APP_USER,
  pwd: process.env.MONGO_APP_PASSWORD,
  roles: [{ role: 'readWrite', db: process.env.MONGO_APP_DB }],
});
