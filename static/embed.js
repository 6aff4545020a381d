// Coroutine Playground embeds: sizes each playground <iframe> on this page to its content, from the
// height the playground posts ({source: "coroutine-playground", type: "resize", height}), so a
// tutorial needs no fixed height and the frame never scrolls. Include it once per page (a second
// copy does nothing), anywhere; it needs no inline script, so it works under `script-src 'self'`.
(function () {
  'use strict';
  if (window.coroutinePlaygroundEmbed) return;
  window.coroutinePlaygroundEmbed = true;
  // A runaway height from a broken page must not make the tutorial endless.
  var MAX_HEIGHT = 20000;

  function frameOf(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.source !== 'coroutine-playground' || data.type !== 'resize') return;
    var height = Number(data.height);
    var frame = frameOf(event.source);
    if (!frame || !isFinite(height) || height <= 0) return;
    // Set through the CSSOM, which a style-src policy allows; content-box so that the tutorial's
    // own padding on iframes cannot take height from the content.
    frame.style.border = '0';
    frame.style.boxSizing = 'content-box';
    frame.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + 'px';
  });
})();
