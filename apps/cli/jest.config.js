module.exports = require('../../jest.preset.js').testLayers(__dirname, 'cli');
