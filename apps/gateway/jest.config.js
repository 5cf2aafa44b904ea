module.exports = require('../../jest.preset.js').testLayers(__dirname, 'gateway', 'e2e');
