// auth's database behaviour is covered end to end by the gateway's suites.
module.exports = require('../../jest.preset.js').testLayers(__dirname, 'auth');
