<?php

/**
 * Router for `php -S` (Kontor's scripts/roundcube.ts): static assets of the public folder are served
 * as files, everything else goes to Roundcube's index.php. Only asset types are served directly, so
 * no other PHP or config file below the public folder can be reached by URL.
 */
// Assets include the skin's watermark.html (the empty content frame).
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/';
if (preg_match('#\.(js|css|html|png|gif|jpe?g|svg|ico|woff2?|ttf|eot|map|webp|tiff)$#i', $path)
    && strpos($path, '..') === false
    && is_file($_SERVER['DOCUMENT_ROOT'] . $path)) {
    return false;
}
if ($path !== '/' && $path !== '/index.php') {
    http_response_code(404);
    echo 'Not found';
    return true;
}
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
